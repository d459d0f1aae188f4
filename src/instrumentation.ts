import type { Instrumentation } from "next";

/**
 * Validates env (a misconfigured deploy stops here, naming the variable), registers the Pusher
 * transport when configured, and without Inngest runs the crons in-process.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { appSecret, inngestMode } = await import("@/server/env");
    appSecret();
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
