import "server-only";
import { recordStaffAudit, type StaffAuditActor } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { devServer } from "@/server/jobs/dev-server-api";
import { logger } from "@/server/logging/logger";
import { fromDevServer } from "./dev-server";

/**
 * Re-runs a failed run with its original event (dev server). In cloud, the dashboard does this.
 * The staff audit entry is written in a transaction around the replay: a replay the dev server
 * refuses leaves no entry. The dev server's call can't be rolled back, so a commit failing after
 * it would leave a replay without an entry; the caller then sees the error, not a success.
 */
export async function replayRun(input: { runId: string }, actor: StaffAuditActor, db: Db): Promise<{ runId: string }> {
  const result = await db.transaction(async (tx) => {
    const replayed = await fromDevServer(() => devServer.replayRun(input.runId));
    await recordStaffAudit(tx, actor, { action: "job_run.replayed", target: { type: "job_run", id: input.runId }, after: { replayRunId: replayed.runId } });
    return replayed;
  });
  logger.info({ runId: input.runId, replayRunId: result.runId, staffUserId: actor.userId }, "staff replayed a job run");
  return result;
}
