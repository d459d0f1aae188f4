// No "server-only" here: `scripts/start.ts` imports this before Next loads, without the react-server condition.
import type { IncomingMessage } from "node:http";

/** The methods Next's route handlers and the Fetch API's `Request` both take. */
export const ROUTABLE_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * Carries a method no route handler can receive (`PROPFIND`, `TRACE`, …) past Next, which
 * answers those with an empty 400 before any route runs, and past `Request`, which refuses
 * some of them outright. Our entry servers move it here and send the request on as a POST,
 * so the API's router can answer it in its envelope (405 with `Allow`).
 */
export const UNROUTABLE_METHOD_HEADER = "x-groundwork-unroutable-method";

/** For `scripts/start.ts` and `start:api`: called on every request, so a client can't set the header itself. */
export function carryUnroutableMethod(req: IncomingMessage): void {
  delete req.headers[UNROUTABLE_METHOD_HEADER];
  const method = (req.method ?? "GET").toUpperCase();
  if (ROUTABLE_METHODS.has(method) || !req.url?.startsWith("/api")) return;
  req.headers[UNROUTABLE_METHOD_HEADER] = method;
  req.method = "POST";
}

/**
 * The method the client sent. A routable value in the header is ignored, so a request that
 * reached us some other way can at most turn its own request into a 405.
 */
export function requestMethod(req: Request): string {
  const carried = req.headers.get(UNROUTABLE_METHOD_HEADER)?.toUpperCase();
  return carried && !ROUTABLE_METHODS.has(carried) ? carried : req.method.toUpperCase();
}
