import type { Instrumentation } from "next";

/**
 * Validates env (a misconfigured deploy stops here, naming the variable), registers the Pusher
 * transport when configured, and without Inngest runs the crons in-process.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { appSecret, inngestMode } = await import("@/server/env");
    appSecret();
    const { hasClientAddressEntry } = await import("@/server/http/client-ip");
    if (process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build" && !hasClientAddressEntry()) {
      const { logger } = await import("@/server/logging/logger");
      // `next start` run directly: per-IP limits fall back to X-Forwarded-For, which a client reaching this port can set.
      logger.warn("serving without npm start's server: client addresses come from X-Forwarded-For; run `npm start` (decision 027)");
    }
    // publish() hands events to Pusher too when PUSHER_* is configured (SSE always runs).
    const { registerPusherTransportFromEnv } = await import("@/server/realtime/pusher-transport");
    registerPusherTransportFromEnv();
    // The gateway's products and prices follow src/lib/plans.ts (idempotent, by lookup key).
    const { stripeMode } = await import("@/server/env");
    if (stripeMode() && process.env.NEXT_PHASE !== "phase-production-build") {
      const [{ syncCatalogueAtStart }, { db }] = await Promise.all([import("@/features/billing/server/sync-catalogue"), import("@/server/db/client")]);
      syncCatalogueAtStart(db);
    }
    if (!inngestMode() && process.env.NEXT_PHASE !== "phase-production-build") {
      const [{ startInlineScheduler }, { db }] = await Promise.all([import("@/features/jobs/server/inline-scheduler"), import("@/server/db/client")]);
      startInlineScheduler(db);
    }
  }
}

/**
 * Errors thrown while rendering reach the error page with only `digest`; logging the same
 * digest as `errorId` (with the request id) lets support go from a screenshot to the log line.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ logger }, { isExpectedRenderError }, { outageError }] = await Promise.all([
    import("@/server/logging/logger"),
    import("@/server/logging/render-errors"),
    import("@/server/db/errors"),
  ]);
  const err = error as Error & { digest?: string };
  const header = request.headers["x-request-id"];
  const expected = isExpectedRenderError(error);
  const level = expected ? "info" : outageError(error) ? "warn" : "error";
  logger[level](
    {
      requestId: Array.isArray(header) ? header[0] : header,
      method: request.method,
      path: request.path,
      routePath: context.routePath,
      ...(expected ? { reason: err.digest?.split(";")[0] ?? err.message } : { errorId: err.digest, routeType: context.routeType, err }),
    },
    expected ? "render ended early (redirect or signed out)" : "render failed",
  );
};
