import { NextResponse, type NextRequest } from "next/server";
import { requestIdFrom } from "@/server/http/request-id";

/**
 * Gives every page and API request an id before anything renders: route handlers and
 * server components read it from the `x-request-id` request header, and it goes back
 * to the browser on the response so a user can quote it.
 */
export function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  // Layouts can't see the URL; the sign-in redirect needs it to come back here.
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
