import { serve } from "inngest/next";
import { registerHeartbeats } from "@/features/jobs/server/register-heartbeats";
import { db } from "@/server/db/client";
import { inngest } from "@/server/inngest/client";
import { functions, schedules } from "@/server/inngest/functions";
import { logger } from "@/server/logging/logger";

// `serve` puts the handlers on non-enumerable properties: destructure, don't spread.
const { GET, POST, PUT: sync } = serve({ client: inngest, functions });

/** A sync (every deploy) also registers the cron heartbeats, so health can tell "never ran" from "new". */
async function PUT(...args: Parameters<typeof sync>) {
  await registerHeartbeats(db, schedules).catch((error: unknown) => logger.error({ err: error }, "registering job heartbeats failed"));
  return sync(...args);
}

export { GET, POST, PUT };
export const dynamic = "force-dynamic";
