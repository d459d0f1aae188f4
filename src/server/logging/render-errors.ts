import "server-only";

const NAVIGATION_DIGEST = /^(NEXT_REDIRECT|NEXT_NOT_FOUND|NEXT_HTTP_ERROR_FALLBACK)/;

/**
 * Errors a render throws on purpose or as a matter of course, which are not faults: Next's
 * redirect()/notFound(), and a signed-out render where a page's query refused the visitor
 * while its layout sent them to sign-in (layouts and pages render in parallel). Logged at info.
 */
export function isExpectedRenderError(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const digest = (e as { digest?: unknown }).digest;
    if (typeof digest === "string" && NAVIGATION_DIGEST.test(digest)) return true;
    const code = (e as { code?: unknown }).code;
    if (code === "UNAUTHORIZED") return true;
  }
  return false;
}
