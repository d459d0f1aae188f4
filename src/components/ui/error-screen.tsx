import { Button } from "./button";
import { buttonClasses } from "./button-classes";
import { BrandMark, brandLinkClasses } from "./brand-mark";
import { FallbackMessage } from "./fallback-message";
import { HeaderFrame } from "./header-frame";

/** Server errors reach the client with only a digest, the id that matches the server log. */
function errorDigest(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" ? error.digest : undefined;
}

/**
 * Body of error.tsx and global-error.tsx, which load it on demand (their own code loads with
 * every page). It stays free of next/link and the theme toggle; the home links are full page
 * loads, which also clear whatever client state broke.
 */
/* eslint-disable @next/next/no-html-link-for-pages -- full page loads on purpose, see above */
export function ErrorScreen({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = errorDigest(error);
  return (
    <>
      <HeaderFrame>
        <a href="/" className={brandLinkClasses}>
          <BrandMark />
        </a>
      </HeaderFrame>
      <FallbackMessage
        eyebrow="Error"
        title="Something went wrong"
        description="We could not show this page. It may be a passing problem, so trying again often works."
        actions={
          <>
            <Button onClick={retry}>Try again</Button>
            <a href="/" className={buttonClasses("outline")}>
              Go to the home page
            </a>
          </>
        }
      >
        {digest && (
          <p className="mt-6 text-sm text-muted-foreground">
            If it keeps happening, contact support and quote error id{" "}
            <code data-testid="error-id" className="rounded bg-muted px-1.5 py-0.5 font-mono text-foreground">
              {digest}
            </code>
            .
          </p>
        )}
      </FallbackMessage>
    </>
  );
}
