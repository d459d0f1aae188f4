/**
 * What the executor does with the app's answer to one call. Ops it does not implement fail the
 * run with "unsupported op X" rather than being skipped: a run that silently went on without its
 * step would look green in development and break in production.
 */
import type { CallOutcome } from "./call-app";
import { compileExpression } from "./expression";
import { backoff } from "./queue";
import { continueIfIdle, createRun, errorOf, finishRun, resolveStep, type SerializedError, type Tx } from "./runs";
import { parseDuration, resolveWakeTime } from "./time";
import { INVOKED_EVENT, type JobRow, type Op, type RunRow, type StoredFunction } from "./types";
import { ulid } from "./ids";

export type ApplyContext = { retryBaseMs: number };

export function maxAttemptsOf(fn: StoredFunction): number {
  const retries = fn.config.steps.step?.retries?.attempts ?? 3; // the SDK's defaultMaxRetries
  return retries + 1;
}

const json = (tx: Tx, value: unknown) => tx.json(value as never);

export async function applyOutcome(tx: Tx, run: RunRow, fn: StoredFunction, job: JobRow, outcome: CallOutcome, ctx: ApplyContext): Promise<void> {
  const maxAttempts = maxAttemptsOf(fn);
  if (outcome.kind === "complete") return finishRun(tx, run.id, { status: "completed", output: outcome.output });
  if (outcome.kind === "error") {
    if (outcome.retriable && job.attempt + 1 < maxAttempts) {
      await tx`insert into inngest_dev.jobs (run_id, kind, step_id, attempt, run_at)
        values (${run.id}, ${job.kind}, ${job.step_id}, ${job.attempt + 1}, ${outcome.retryAt ?? backoff(job.attempt, ctx.retryBaseMs)})`;
      await tx`update inngest_dev.runs set error = ${json(tx, outcome.error)}, updated_at = now() where id = ${run.id}`;
      return;
    }
    return finishRun(tx, run.id, { status: "failed", error: outcome.error });
  }

  if (outcome.ops.length > 1 && !run.parallel) {
    // Several ops at once means parallel steps: from here on the SDK must not run one by itself.
    await tx`update inngest_dev.runs set parallel = true where id = ${run.id}`;
  }
  for (const op of outcome.ops) {
    const failure = await applyOp(tx, run, op, job, maxAttempts, outcome.retryAt, ctx);
    if (failure) return finishRun(tx, run.id, { status: "failed", error: failure });
  }
  await continueIfIdle(tx, run.id);
}

async function memoize(tx: Tx, run: RunRow, op: Op, result: { data: unknown } | { error: unknown }) {
  const failed = "error" in result;
  await tx`insert into inngest_dev.steps (run_id, id, name, display_name, op, status, attempts, result, error, opts, ended_at)
    values (${run.id}, ${op.id}, ${op.name ?? null}, ${op.displayName ?? null}, ${op.op}, ${failed ? "failed" : "completed"}, 1,
      ${failed ? null : json(tx, { data: result.data ?? null })}, ${failed ? json(tx, result.error) : null}, ${op.opts ? json(tx, op.opts) : null}, now())
    on conflict (run_id, id) do update set op = excluded.op, status = excluded.status, attempts = inngest_dev.steps.attempts + 1,
      result = excluded.result, error = excluded.error, ended_at = now()`;
  await tx`update inngest_dev.runs set stack = stack || ${json(tx, [op.id])} where id = ${run.id}`;
}

async function pendingStep(tx: Tx, run: RunRow, op: Op, status: string, extra: { waitEvent?: string; waitIf?: string } = {}) {
  await tx`insert into inngest_dev.steps (run_id, id, name, display_name, op, status, opts, wait_event, wait_if)
    values (${run.id}, ${op.id}, ${op.name ?? null}, ${op.displayName ?? null}, ${op.op}, ${status}, ${op.opts ? json(tx, op.opts) : null},
      ${extra.waitEvent ?? null}, ${extra.waitIf ?? null})
    on conflict (run_id, id) do nothing`;
}

/** Returns an error to fail the run with, or nothing. */
async function applyOp(tx: Tx, run: RunRow, op: Op, job: JobRow, maxAttempts: number, retryAt: Date | null, ctx: ApplyContext): Promise<SerializedError | void> {
  const describe = `${op.op} (step ${op.displayName ?? op.id})`;
  try {
    switch (op.op) {
      case "StepRun":
      case "Step":
        return memoize(tx, run, op, { data: op.data ?? null });
      case "StepFailed":
        return memoize(tx, run, op, { error: op.error ?? errorOf("Error", "step failed") });
      case "StepError": {
        // The SDK sends StepFailed itself on the last attempt; this cap only guards a misbehaving app.
        if (job.attempt + 1 >= maxAttempts) return memoize(tx, run, op, { error: op.error ?? errorOf("Error", "step failed") });
        await pendingStep(tx, run, op, "planned");
        await tx`update inngest_dev.steps set attempts = attempts + 1, error = ${json(tx, op.error ?? null)} where run_id = ${run.id} and id = ${op.id}`;
        await tx`insert into inngest_dev.jobs (run_id, kind, step_id, attempt, run_at)
          values (${run.id}, 'step', ${op.id}, ${job.attempt + 1}, ${retryAt ?? backoff(job.attempt, ctx.retryBaseMs)})`;
        return;
      }
      case "StepPlanned":
        await pendingStep(tx, run, op, "planned");
        await tx`insert into inngest_dev.jobs (run_id, kind, step_id) values (${run.id}, 'step', ${op.id})`;
        return;
      case "Sleep": {
        const wakeAt = resolveWakeTime(op.name ?? "");
        await pendingStep(tx, run, op, "sleeping");
        await tx`insert into inngest_dev.jobs (run_id, kind, step_id, run_at) values (${run.id}, 'sleep', ${op.id}, ${wakeAt})`;
        return;
      }
      case "WaitForEvent": {
        const condition = typeof op.opts?.if === "string" ? op.opts.if : undefined;
        if (condition) compileExpression(condition);
        const timeoutAt = new Date(Date.now() + parseDuration(String(op.opts?.timeout ?? "")));
        if (!op.name) throw new Error("waitForEvent without an event name");
        await pendingStep(tx, run, op, "waiting", { waitEvent: op.name, waitIf: condition });
        await tx`insert into inngest_dev.jobs (run_id, kind, step_id, run_at) values (${run.id}, 'wait_timeout', ${op.id}, ${timeoutAt})`;
        return;
      }
      case "InvokeFunction":
        return invoke(tx, run, op);
      case "RunComplete":
        return finishRun(tx, run.id, { status: "completed", output: op.data ?? null });
      default:
        return errorOf("UnsupportedError", `Inngest dev server: unsupported op ${op.op} (step ${op.displayName ?? op.id})`);
    }
  } catch (error) {
    return errorOf("UnsupportedError", `Inngest dev server: ${describe}: ${(error as Error).message}`);
  }
}

async function invoke(tx: Tx, run: RunRow, op: Op): Promise<void> {
  const opts = (op.opts ?? {}) as { function_id?: string; payload?: { data?: Record<string, unknown> }; timeout?: string };
  await pendingStep(tx, run, op, "invoking");
  if (opts.timeout) {
    const at = new Date(Date.now() + parseDuration(opts.timeout));
    await tx`insert into inngest_dev.jobs (run_id, kind, step_id, run_at) values (${run.id}, 'wait_timeout', ${op.id}, ${at})`;
  }
  const [target] = await tx<StoredFunction[]>`select * from inngest_dev.functions where id = ${opts.function_id ?? ""}`;
  if (!target) {
    await resolveStep(tx, run, op.id, { error: errorOf("Error", `invoked function ${opts.function_id} is not synced`) });
    return;
  }
  const event = { id: ulid(), name: INVOKED_EVENT, data: opts.payload?.data ?? {}, ts: Date.now() };
  await createRun(tx, target, event, { parent: { run_id: run.id, step_id: op.id } });
}
