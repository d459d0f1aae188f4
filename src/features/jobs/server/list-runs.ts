import "server-only";
import { devServer, type DevRun } from "@/server/jobs/dev-server-api";
import type { RunSummary } from "../schemas";
import { errorText, fromDevServer } from "./dev-server";

export const toRunSummary = (run: DevRun): RunSummary => ({
  id: run.id,
  functionId: run.functionId,
  status: run.status,
  eventName: run.event.name,
  payload: run.event.data ?? null,
  stepCount: run.stepCount ?? ("steps" in run && Array.isArray(run.steps) ? run.steps.length : null),
  calls: run.attempts,
  error: errorText(run.error),
  replayOf: run.replayOf,
  createdAt: run.createdAt,
  endedAt: run.endedAt,
});

export async function listRuns(input: { status?: RunSummary["status"] | null; limit: number }): Promise<{ runs: RunSummary[] }> {
  const runs = await fromDevServer(() => devServer.listRuns({ status: input.status ?? undefined, limit: input.limit }));
  return { runs: runs.map(toRunSummary) };
}
