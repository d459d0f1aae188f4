/**
 * The proxy's half of "read-only while impersonating": tRPC mutations are judged per procedure
 * (src/server/auth/impersonation-policy.ts), but any other write a browser can send — a form
 * post or server action, a REST call, an upload — is refused outright while the impersonation
 * cookie is present, in either mode. No database read: the proxy runs before every request.
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
