import "server-only";
import superjson from "superjson";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { outageError } from "@/server/db/errors";
import { AppError } from "@/server/errors";
import { isCrossSiteRequest } from "@/server/http/csrf";
import { readBodyCapped } from "@/server/http/read-body";
import { withRequest } from "@/server/http/with-request";
import { logger } from "@/server/logging/logger";
import { createTrpcContext } from "./context";
import { appRouter } from "./root";

/** Big enough for the largest legitimate input plus room to reject oversized fields by name. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Same wire shape as tRPC's own errors (superjson-encoded), so the client reads it the same way. */
function trpcError(status: number, code: string, message: string, requestId: string) {
  const shape = { message, code: -32600, data: { code, httpStatus: status, userMessage: message, fieldErrors: null, requestId } };
  return Response.json({ error: superjson.serialize(shape) }, { status });
}

export const handleTrpcRequest = withRequest(async (req, { requestId }) => {
  let request = req;
  if (req.method === "POST") {
    if (isCrossSiteRequest(req)) {
      return trpcError(403, "FORBIDDEN", "This request came from another site and was refused.", requestId);
    }
    const body = await readBodyCapped(req, MAX_BODY_BYTES);
    if (body === null) return trpcError(413, "PAYLOAD_TOO_LARGE", "The request is too large (2 MB at most).", requestId);
    request = new Request(req.url, { method: "POST", headers: req.headers, body });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: ({ resHeaders }) => createTrpcContext({ headers: req.headers, requestId, resHeaders }),
    responseMeta({ errors }) {
      const retryAfter = errors.map((e) => (e.cause instanceof AppError ? e.cause.retryAfterSeconds : undefined)).find(Boolean);
      // An outage before any procedure ran (the session lookup in createContext) is still a 503.
      const outage = errors.map((e) => outageError(e.cause)).find(Boolean);
      if (outage) return { status: 503, headers: new Headers({ "Retry-After": String(outage.retryAfterSeconds) }) };
      return retryAfter ? { headers: new Headers({ "Retry-After": String(retryAfter) }) } : {};
    },
    onError({ error, path, type }) {
      if (outageError(error.cause)) {
        logger.warn({ path, type, err: error.cause }, "procedure refused: database unavailable");
      } else if (getHTTPStatusCodeFromError(error) < 500) {
        logger.info({ path, type, code: error.code, message: error.message }, "procedure rejected");
      } else {
        logger.error({ path, type, code: error.code, err: error.cause ?? error }, "procedure failed");
      }
    },
  });
});
