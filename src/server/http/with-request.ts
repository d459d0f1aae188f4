import "server-only";
import { outageError } from "@/server/db/errors";
import type { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { currentRequestContext, runWithRequestContext } from "@/server/logging/context";
import { accessLogger, logger } from "@/server/logging/logger";
import { refusedWhileImpersonating } from "./impersonation-writes";
import { clientRequestIdFrom, requestIdFrom } from "./request-id";
import { API_SECURITY_HEADERS, baseSecurityHeaders } from "./security-headers";

type Handler<C> = (req: Request, ctx: C & { requestId: string }) => Promise<Response>;

/**
 * Every API route handler goes through this: a request context (request id, actor, query
 * count) for logs, one access-log line, `x-request-id`, `Server-Timing` and the security
 * headers on the response,
 * and a JSON 500 (with the request id, never the stack) if the handler throws.
 */
export function withRequest<C = unknown>(handler: Handler<C>, opts: { mintRequestId?: boolean } = {}) {
  return (req: Request, routeCtx: C): Promise<Response> => {
    // The public API never adopts a caller's id (it could be forged or collide): it makes its
    // own and echoes the caller's as X-Client-Request-Id.
    const clientRequestId = opts.mintRequestId ? clientRequestIdFrom(req.headers) : null;
    const requestId = opts.mintRequestId ? crypto.randomUUID() : requestIdFrom(req.headers);
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
      const ctx = currentRequestContext()!;
      const totalMs = performance.now() - started;
      const out = withMutableHeaders(response);
      out.headers.set("x-request-id", requestId);
      if (clientRequestId) out.headers.set("X-Client-Request-Id", clientRequestId);
      // The page proxy skips /api/ (decision 039): the security headers are set here instead.
      for (const name in API_SECURITY_HEADERS) out.headers.set(name, API_SECURITY_HEADERS[name]!);
      if (https(req)) for (const [name, value] of Object.entries(baseSecurityHeaders({ production: true }))) out.headers.set(name, value);
      out.headers.set(
        "Server-Timing",
        `db;dur=${ctx.queries.ms.toFixed(1)};desc="${ctx.queries.count} queries", total;dur=${totalMs.toFixed(1)}`,
      );
      const path = new URL(req.url).pathname;
      accessLogger.info(
        { method: req.method, path, status: out.status, durationMs: Math.round(totalMs), queries: ctx.queries.count, ...(clientRequestId ? { clientRequestId } : {}) },
        "request",
      );
      if (ctx.queries.count > env.QUERY_WARN_THRESHOLD) {
        logger.warn({ queries: ctx.queries.count, threshold: env.QUERY_WARN_THRESHOLD, path }, "too many queries in one request");
      }
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

const https = (req: Request) => process.env.NODE_ENV === "production" && req.url.startsWith("https:");

/** 503 + Retry-After in the route handlers' JSON error shape, with the request id to quote. */
export function outageResponse(outage: AppError, requestId: string): Response {
  return Response.json(
    { error: { code: "SERVICE_UNAVAILABLE", message: outage.userMessage, request_id: requestId } },
    { status: 503, headers: { "Retry-After": String(outage.retryAfterSeconds) } },
  );
}
