import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { SiteHeader } from "@/components/ui/site-header";
import { PricingTable } from "@/features/billing/ui/pricing-table";
import { getQueryClient, getViewer, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Pricing" };
export const dynamic = "force-dynamic";

/** Public. Prices and limits come from src/lib/plans.ts, the same source billing charges from. */
export default async function PricingPage() {
  const viewer = await getViewer();
  const workspaces = viewer ? await getQueryClient().fetchQuery(trpc.billing.mine.queryOptions()) : null;
  return (
    <>
      <SiteHeader>
        <div className="ml-auto flex items-center gap-2">
          <ButtonLink href="/app" size="sm">{viewer ? "Open the app" : "Sign in"}</ButtonLink>
        </div>
      </SiteHeader>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 sm:px-6">
        <h1 className="mb-2 text-3xl font-semibold tracking-tight">Pricing</h1>
        <p className="mb-8 text-muted-foreground">Start free. Upgrade when your team or your API traffic grows; cancel any time.</p>
        <PricingTable workspaces={workspaces?.filter((w) => !w.personal).map(({ slug, name, plan, role }) => ({ slug, name, plan, role })) ?? null} />
      </main>
    </>
  );
}
