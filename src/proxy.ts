import { NextResponse, type NextRequest } from "next/server";
import { carriesImpersonation, IMPERSONATION_WRITE_REFUSED, refusesWhileImpersonating } from "@/server/http/impersonation-writes";
import { requestIdFrom } from "@/server/http/request-id";
import { baseSecurityHeaders, contentSecurityPolicy, pusherConnectSources } from "@/server/http/security-headers";

/**
 * Runs before a page renders. Gives every request an id (server components read
 * `x-request-id`; it goes back to the browser so a user can quote it), a CSP nonce (Next
 * stamps it on its own scripts), and the security headers. Never for `/api/`: route handlers
 * go through `withRequest`, which makes their id and sets their headers, and the public API
 * can't afford the header copies (decision 039; `tests/unit/api-folders.test.ts`).
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Next's trailing-slash redirect is off so that /api/ answers in its envelope (next.config.ts); pages keep it.
  if (pathname.length > 1 && pathname.endsWith("/")) {
    // A plain URL: a NextURL keeps the slash it was asked with when Next's own redirect is off.
    const url = new URL(request.url);
    url.pathname = pathname.replace(/\/+$/, "") || "/";
    return NextResponse.redirect(url, 308);
  }
  const requestId = requestIdFrom(request.headers);
  if (refusesWhileImpersonating(request.method, request.nextUrl.pathname) && carriesImpersonation(request.cookies.getAll().map((c) => c.name))) {
    return NextResponse.json(
      { error: { code: "FORBIDDEN", message: IMPERSONATION_WRITE_REFUSED, request_id: requestId } },
      { status: 403, headers: { "x-request-id": requestId, "cache-control": "no-store" } },
    );
  }
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", connectSources: pusherConnectSources(process.env) });

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  // Layouts can't see the URL; the sign-in redirect needs it to come back here.
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(baseSecurityHeaders({ production: process.env.NODE_ENV === "production" && request.nextUrl.protocol === "https:" }))) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  matcher: ["/((?!api/|api$|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
