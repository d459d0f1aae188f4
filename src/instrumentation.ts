import type { Instrumentation } from "next";

/** Validates env and opens nothing else: a misconfigured deploy stops here, naming the variable. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { appSecret } = await import("@/server/env");
    appSecret();
    // publish() hands events to Pusher too when PUSHER_* is configured (SSE always runs).
    const { registerPusherTransportFromEnv } = await import("@/server/realtime/pusher-transport");
    registerPusherTransportFromEnv();
  }
}

/**
 * Errors thrown while rendering reach the error page with only `digest`; logging the same
 * digest as `errorId` (with the request id) lets support go from a screenshot to the log line.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("@/server/logging/logger");
  const err = error as Error & { digest?: string };
  const header = request.headers["x-request-id"];
  logger.error(
    {
      errorId: err.digest,
      requestId: Array.isArray(header) ? header[0] : header,
      method: request.method,
      path: request.path,
      routePath: context.routePath,
      routeType: context.routeType,
      err,
    },
    "render failed",
  );
};
