/**
 * Executes one claimed job. The app is called outside any transaction (it may take seconds and
 * may itself send events back to us); the answer is applied in a transaction that first deletes
 * the job, so a run cancelled meanwhile (its jobs deleted) drops the late answer.
 */
import type { Sql } from "postgres";
import { applyOutcome, maxAttemptsOf, type ApplyContext } from "./apply-outcome";
import { callApp } from "./call-app";
import { errorOf, finishRun, lockRun, resolveStep, type SerializedError, type StepOutcome, type Tx } from "./runs";
import { TERMINAL, type JobRow, type Log, type RunRow, type StoredFunction } from "./types";

async function takeJob(tx: Tx, job: JobRow): Promise<boolean> {
  const [row] = await tx`delete from inngest_dev.jobs where id = ${job.id} returning id`;
  return Boolean(row);
}

async function fireTimer(sql: Sql, job: JobRow): Promise<void> {
  await sql.begin(async (tx) => {
    if (!(await takeJob(tx, job))) return;
    const run = await lockRun(tx, job.run_id);
    if (!run || !job.step_id) return;
    const [step] = await tx<{ op: string }[]>`select op from inngest_dev.steps where run_id = ${run.id} and id = ${job.step_id}`;
    if (!step) return;
    const outcome: StepOutcome =
      job.kind === "sleep" || step.op === "WaitForEvent"
        ? { data: null } // waitForEvent resolves to null on timeout
        : { error: errorOf("InngestInvokeTimeoutError", "Timed out waiting for the invoked function to complete") };
    await resolveStep(tx, run, job.step_id, outcome);
  });
}

async function memoizedSteps(sql: Sql, runId: string): Promise<Record<string, StepOutcome>> {
  const rows = await sql<{ id: string; status: string; result: { data: unknown } | null; error: SerializedError }[]>`
    select id, status, result, error from inngest_dev.steps where run_id = ${runId} and status in ('completed','failed')`;
  return Object.fromEntries(rows.map((s) => [s.id, s.status === "completed" ? { data: s.result?.data ?? null } : { error: s.error }]));
}

export async function runJob(sql: Sql, job: JobRow, ctx: ApplyContext & { log: Log }): Promise<void> {
  const failedBefore = await failure(sql, job.run_id);
  if (job.kind === "sleep" || job.kind === "wait_timeout") await fireTimer(sql, job);
  else await callAndApply(sql, job, ctx);
  // A failed run is the one outcome a developer must not miss in the dev server's output.
  const failedNow = failedBefore ? null : await failure(sql, job.run_id);
  if (failedNow) ctx.log(`run ${job.run_id} of ${failedNow.function_id} failed: ${failedNow.error?.name}: ${failedNow.error?.message}`);
}

async function failure(sql: Sql, runId: string) {
  const [run] = await sql<{ function_id: string; error: SerializedError | null }[]>`
    select function_id, error from inngest_dev.runs where id = ${runId} and status = 'failed'`;
  return run ?? null;
}

async function callAndApply(sql: Sql, job: JobRow, ctx: ApplyContext): Promise<void> {
  const [run] = await sql<RunRow[]>`select * from inngest_dev.runs where id = ${job.run_id}`;
  const [fn] = await sql<StoredFunction[]>`select * from inngest_dev.functions where id = ${run?.function_id ?? ""}`;
  if (!run || TERMINAL.includes(run.status) || !fn) {
    await sql.begin(async (tx) => {
      if (!(await takeJob(tx, job)) || !run) return;
      await finishRun(tx, run.id, { status: "failed", error: errorOf("Error", `function ${run.function_id} is not synced with the dev server`) });
    });
    return;
  }
  const runtimeUrl = fn.config.steps.step?.runtime.url ?? fn.app_url;
  const outcome = await callApp({
    url: runtimeUrl,
    fnId: fn.id,
    stepId: job.kind === "discover" ? "step" : job.step_id!,
    event: run.event,
    steps: await memoizedSteps(sql, run.id),
    stack: run.stack,
    runId: run.id,
    attempt: job.attempt,
    maxAttempts: maxAttemptsOf(fn),
    parallel: run.parallel,
  });
  await sql.begin(async (tx) => {
    if (!(await takeJob(tx, job))) return;
    const locked = await lockRun(tx, run.id);
    if (!locked) return;
    await tx`update inngest_dev.runs set attempts = attempts + 1, updated_at = now() where id = ${run.id}`;
    await applyOutcome(tx, locked, fn, job, outcome, ctx);
  });
}
