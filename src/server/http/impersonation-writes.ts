/**
 * "Read-only while impersonating" outside tRPC: tRPC mutations are judged per procedure
 * (src/server/auth/impersonation-policy.ts), but any other write a browser can send — a form
 * post or server action (the page proxy), a route handler's POST, an upload (`withRequest`) —
 * is refused outright while the impersonation cookie is present, in either mode. No database
 * read: it runs before every request.
 */
import { cookieName } from "./cookie-names";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** tRPC has its own per-procedure guard; Pusher's auth endpoint only signs subscriptions (reads). */
const GUARDED_ELSEWHERE = ["/api/trpc/", "/api/pusher/auth"];

export function carriesImpersonation(cookieNames: Iterable<string>): boolean {
  const names = new Set([cookieName("impersonation", false), cookieName("impersonation", true)]);
  for (const name of cookieNames) if (names.has(name)) return true;
  return false;
}

export function refusesWhileImpersonating(method: string, pathname: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase()) && !GUARDED_ELSEWHERE.some((prefix) => pathname.startsWith(prefix));
}

export const IMPERSONATION_WRITE_REFUSED =
  "You are impersonating this account: only the app's own actions can change anything, and only in write mode. Stop impersonating to use this.";

function cookieNames(cookieHeader: string | null): string[] {
  return (cookieHeader ?? "").split(";").map((part) => part.split("=")[0]!.trim());
}

/** The refusal of a write while impersonating, as status and JSON body, or null to go on (any request form). */
export function impersonationRefusal(req: { method: string; path: string; cookie: string | null }, requestId: string): { status: 403; headers: Record<string, string>; body: unknown } | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  if (!refusesWhileImpersonating(req.method, req.path) || !carriesImpersonation(cookieNames(req.cookie))) return null;
  return { status: 403, headers: { "cache-control": "no-store" }, body: { error: { code: "FORBIDDEN", message: IMPERSONATION_WRITE_REFUSED, request_id: requestId } } };
}

/** For route handlers (`withRequest`): the refusal response, or null to go on. */
export function refusedWhileImpersonating(req: Request, requestId: string): Response | null {
  const refusal = impersonationRefusal({ method: req.method, path: new URL(req.url).pathname, cookie: req.headers.get("cookie") }, requestId);
  return refusal && Response.json(refusal.body, { status: refusal.status, headers: refusal.headers });
}
