import { buildInfo } from "@/lib/build-info";

export function SiteFooter() {
  return (
    <footer className="border-t border-border">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-muted-foreground sm:px-6">
        <p data-testid="app-version">{`Groundwork v${buildInfo.version} (${buildInfo.commit})`}</p>
        <p>The SaaS foundation that already works.</p>
      </div>
    </footer>
  );
}
