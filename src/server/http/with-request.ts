import "server-only";
import { outageError } from "@/server/db/errors";
import type { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { currentRequestContext, runWithRequestContext } from "@/server/logging/context";
import { accessLogger, logger } from "@/server/logging/logger";
import { refusedWhileImpersonating } from "./impersonation-writes";
import { recentRequests } from "./recent-requests";
import { requestIdFrom } from "./request-id";
import { API_SECURITY_HEADERS, baseSecurityHeaders } from "./security-headers";

type Handler<C> = (req: Request, ctx: C & { requestId: string }) => Promise<Response>;

/**
 * Every API route handler goes through this: a request context (request id, actor, query
 * count) for logs, one access-log line, `x-request-id`, `Server-Timing` and the security
 * headers on the response,
 * and a JSON 500 (with the request id, never the stack) if the handler throws.
 */
export function withRequest<C = unknown>(handler: Handler<C>) {
  return (req: Request, routeCtx: C): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    const started = performance.now();
    return runWithRequestContext({ requestId }, async () => {
      let response: Response;
      try {
        response = refusedWhileImpersonating(req, requestId) ?? (await handler(req, { ...routeCtx, requestId }));
      } catch (error) {
        const outage = outageError(error);
        if (outage) {
          logger.warn({ err: error }, "route handler refused: database unavailable");
          response = outageResponse(outage, requestId);
        } else {
          logger.error({ err: error }, "unhandled error in route handler");
          response = Response.json(
            { error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side.", request_id: requestId } },
            { status: 500 },
          );
        }
      }
      const out = withMutableHeaders(response);
      const headers = finishRequest({ method: req.method, path: new URL(req.url).pathname, https: https(req.url) }, { requestId, clientRequestId: null }, out.status, started);
      for (const name in headers) out.headers.set(name, headers[name]!);
      return out;
    });
  };
}

/**
 * The handler's response itself when its headers can be changed (ours always can); a copy only
 * for one whose headers are immutable (a `fetch` response passed through, `Response.redirect`).
 * Copying streams the body through a second Response, which the API paid on every request.
 */
function withMutableHeaders(response: Response): Response {
  try {
    response.headers.set("x-request-id", "");
    return response;
  } catch {
    return new Response(response.body, response);
  }
}

const https = (url: string) => process.env.NODE_ENV === "production" && url.startsWith("https:");

// The page proxy skips /api/ (decision 039): the security headers are set here instead.
const SECURITY_HEADERS = { http: { ...API_SECURITY_HEADERS }, https: { ...API_SECURITY_HEADERS, ...baseSecurityHeaders({ production: true }) } };

/**
 * How every route's request ends, whatever form its answer takes (a web `Response` here, the
 * public API's plain result in `start:api`): one access-log line, the too-many-queries warning,
 * and the headers to set on the answer — `x-request-id` (and the caller's as
 * `X-Client-Request-Id`), the security headers and `Server-Timing`. Call inside the request's context.
 */
export function finishRequest(
  req: { method: string; path: string; https: boolean },
  ids: { requestId: string; clientRequestId: string | null },
  status: number,
  started: number,
): Record<string, string> {
  const ctx = currentRequestContext()!;
  const totalMs = performance.now() - started;
  const headers: Record<string, string> = { "x-request-id": ids.requestId, ...(req.https ? SECURITY_HEADERS.https : SECURITY_HEADERS.http) };
  if (ids.clientRequestId) headers["X-Client-Request-Id"] = ids.clientRequestId;
  headers["Server-Timing"] = `db;dur=${ctx.queries.ms.toFixed(1)};desc="${ctx.queries.count} queries", total;dur=${totalMs.toFixed(1)}`;
  accessLogger.info(
    { method: req.method, path: req.path, status, durationMs: Math.round(totalMs), queries: ctx.queries.count, ...(ids.clientRequestId ? { clientRequestId: ids.clientRequestId } : {}) },
    "request",
  );
  if (ctx.queries.count > env.QUERY_WARN_THRESHOLD) {
    logger.warn({ queries: ctx.queries.count, threshold: env.QUERY_WARN_THRESHOLD, path: req.path }, "too many queries in one request");
  }
  // The id on the response is the one the admin user page shows (buffered; written once a second).
  if (ctx.viaSession && ctx.userId) {
    recentRequests().record({ userId: ctx.userId, requestId: ids.requestId, method: req.method, path: req.path, status, impersonatorId: ctx.impersonatorId ?? null, at: new Date() });
  }
  return headers;
}

/** 503 + Retry-After in the route handlers' JSON error shape, with the request id to quote. */
export function outageResponse(outage: AppError, requestId: string): Response {
  return Response.json(
    { error: { code: "SERVICE_UNAVAILABLE", message: outage.userMessage, request_id: requestId } },
    { status: 503, headers: { "Retry-After": String(outage.retryAfterSeconds) } },
  );
}
