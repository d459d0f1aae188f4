import "server-only";
import { devServer } from "@/server/jobs/dev-server-api";
import { errorText, fromDevServer } from "./dev-server";
import { toRunSummary } from "./list-runs";

export async function getRun(input: { id: string }) {
  const run = await fromDevServer(() => devServer.getRun(input.id));
  return {
    ...toRunSummary(run),
    output: run.output ?? null,
    steps: run.steps.map((s) => ({ id: s.id, name: s.name, status: s.status, attempts: s.attempts, error: errorText(s.error) })),
  };
}
