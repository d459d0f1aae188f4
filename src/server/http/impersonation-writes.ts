/**
 * "Read-only while impersonating" outside tRPC: tRPC mutations are judged per procedure
 * (src/server/auth/impersonation-policy.ts), but any other write a browser can send — a form
 * post or server action (the page proxy), a route handler's POST, an upload (`withRequest`) —
 * is refused outright while the impersonation cookie is present, in either mode. No database
 * read: it runs before every request.
 */
export const IMPERSONATION_COOKIE = "gw_impersonation";
export const IMPERSONATION_COOKIE_SECURE = "__Host-gw_impersonation";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** tRPC has its own per-procedure guard; Pusher's auth endpoint only signs subscriptions (reads). */
const GUARDED_ELSEWHERE = ["/api/trpc/", "/api/pusher/auth"];

export function carriesImpersonation(cookieNames: Iterable<string>): boolean {
  for (const name of cookieNames) if (name === IMPERSONATION_COOKIE || name === IMPERSONATION_COOKIE_SECURE) return true;
  return false;
}

export function refusesWhileImpersonating(method: string, pathname: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase()) && !GUARDED_ELSEWHERE.some((prefix) => pathname.startsWith(prefix));
}

export const IMPERSONATION_WRITE_REFUSED =
  "You are impersonating this account: only the app's own actions can change anything, and only in write mode. Stop impersonating to use this.";

function cookieNames(headers: Headers): string[] {
  return (headers.get("cookie") ?? "").split(";").map((part) => part.split("=")[0]!.trim());
}

/** For route handlers (`withRequest`): the refusal response, or null to go on. */
export function refusedWhileImpersonating(req: Request, requestId: string): Response | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  if (!refusesWhileImpersonating(req.method, new URL(req.url).pathname) || !carriesImpersonation(cookieNames(req.headers))) return null;
  return Response.json({ error: { code: "FORBIDDEN", message: IMPERSONATION_WRITE_REFUSED, request_id: requestId } }, { status: 403, headers: { "cache-control": "no-store" } });
}
