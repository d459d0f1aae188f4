import "server-only";
import { recordStaffAudit, type StaffAuditActor } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { devServer } from "@/server/jobs/dev-server-api";
import { logger } from "@/server/logging/logger";
import { fromDevServer } from "./dev-server";

/**
 * Re-runs a failed run with its original event (dev server). In cloud, the dashboard does this.
 * The staff audit entry is written once the dev server has made the replay: a refused replay
 * leaves no entry. The dev server's call can't be rolled back, so no transaction is held open
 * across it; an entry that fails to write reaches the caller as an error, not a success.
 */
export async function replayRun(input: { runId: string }, actor: StaffAuditActor, db: Db): Promise<{ runId: string }> {
  const result = await fromDevServer(() => devServer.replayRun(input.runId));
  await recordStaffAudit(db, actor, { action: "job_run.replayed", target: { type: "job_run", id: input.runId }, after: { replayRunId: result.runId } });
  logger.info({ runId: input.runId, replayRunId: result.runId, staffUserId: actor.userId }, "staff replayed a job run");
  return result;
}
