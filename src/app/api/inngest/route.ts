import { serve } from "inngest/next";
import { registerHeartbeats } from "@/features/jobs/server/register-heartbeats";
import { db } from "@/server/db/client";
import { inngestMode } from "@/server/env";
import { withRequest } from "@/server/http/with-request";
import { inngest } from "@/server/inngest/client";
import { functions, schedules } from "@/server/inngest/functions";
import { logger } from "@/server/logging/logger";

// `serve` puts the handlers on non-enumerable properties: destructure, don't spread.
const { GET: get, POST: post, PUT: sync } = serve({ client: inngest, functions });

/** A sync (every deploy) also registers the cron heartbeats, so health can tell "never ran" from "new". */
async function put(...args: Parameters<typeof sync>) {
  await registerHeartbeats(db, schedules).catch((error: unknown) => logger.error({ err: error }, "registering job heartbeats failed"));
  return sync(...args);
}

/**
 * Without INNGEST_* the jobs run in-process (inline scheduler) and nothing should call here: say
 * so with a 503 instead of letting the SDK fail on its missing signing key (a 500 to anyone).
 */
const notConfigured = withRequest(async (_req, { requestId }) =>
  Response.json(
    { error: { code: "SERVICE_UNAVAILABLE", message: "Inngest is not configured on this server (no INNGEST_EVENT_KEY/INNGEST_SIGNING_KEY or INNGEST_DEV); background jobs run in-process.", request_id: requestId } },
    { status: 503, headers: { "cache-control": "no-store" } },
  ),
);

type Handler = typeof sync;
const whenConfigured =
  (handler: Handler): Handler =>
  (req, ctx) =>
    inngestMode() ? handler(req, ctx) : notConfigured(req, ctx);

export const GET = whenConfigured(get);
export const POST = whenConfigured(post);
export const PUT = whenConfigured(put);
export const dynamic = "force-dynamic";
