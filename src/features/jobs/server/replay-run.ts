import "server-only";
import { devServer } from "@/server/jobs/dev-server-api";
import { logger } from "@/server/logging/logger";
import { fromDevServer } from "./dev-server";

/** Re-runs a failed run with its original event (dev server). In cloud, the dashboard does this. */
export async function replayRun(input: { runId: string }, actor: { userId: string }): Promise<{ runId: string }> {
  const result = await fromDevServer(() => devServer.replayRun(input.runId));
  logger.info({ runId: input.runId, replayRunId: result.runId, staffUserId: actor.userId }, "staff replayed a job run");
  return result;
}
