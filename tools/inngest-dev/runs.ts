/**
 * Run lifecycle inside a transaction: create (idempotency, concurrency buckets, unsupported
 * options), resolve a pending step, finish (onFailure event, invoke parent). Callers lock the
 * run row first (`lockRun`) so parallel steps finishing together apply one after another.
 */
import type { TransactionSql } from "postgres";
import { evaluateKey } from "./expression";
import { ulid } from "./ids";
import { FAILED_EVENT, TERMINAL, type ConcurrencyBucket, type InngestEvent, type RunRow, type RunStatus, type StoredFunction } from "./types";

export type Tx = TransactionSql;
export type SerializedError = { name: string; message: string; stack?: string; [key: string]: unknown };
export type StepOutcome = { data: unknown } | { error: SerializedError };

const json = (tx: Tx, value: unknown) => tx.json(value as never);

export function errorOf(name: string, message: string): SerializedError {
  return { name, message };
}

export async function lockRun(tx: Tx, runId: string): Promise<RunRow | null> {
  const [run] = await tx<RunRow[]>`select * from inngest_dev.runs where id = ${runId} for update`;
  return run && !TERMINAL.includes(run.status) ? run : null;
}

function concurrencyBuckets(fn: StoredFunction, event: InngestEvent): ConcurrencyBucket[] {
  const option = fn.config.concurrency;
  if (option === undefined || option === null) return [];
  if (typeof option === "number") return [{ bucket: `fn:${fn.id}`, limit: option }];
  return [option].flat().map((o) => {
    const key = o.key ? evaluateKey(o.key, event) : "";
    // Scope "fn" (the default) limits this function; env/account share the key across functions.
    const scope = o.scope && o.scope !== "fn" ? o.scope : `fn:${fn.id}`;
    return { bucket: `${scope}:${key}`, limit: o.limit };
  });
}

type CreateOptions = { parent?: { run_id: string; step_id: string }; replayOf?: string };

/** Returns the new run id, or null when idempotency skipped it. */
export async function createRun(tx: Tx, fn: StoredFunction, event: InngestEvent, options: CreateOptions = {}): Promise<string | null> {
  const id = ulid();
  let idempotencyKey: string | null = null;
  let concurrency: ConcurrencyBucket[] = [];
  let unsupported = [...fn.unsupported];
  if (!unsupported.length) {
    try {
      concurrency = concurrencyBuckets(fn, event);
      if (fn.config.idempotency) idempotencyKey = evaluateKey(fn.config.idempotency, event);
    } catch (error) {
      unsupported = [(error as Error).message];
    }
  }
  // A replay or an invoke is an explicit request for a run, never a duplicate delivery.
  if (idempotencyKey !== null && !options.replayOf && !options.parent) {
    const [seen] = await tx`select 1 from inngest_dev.runs where function_id = ${fn.id} and idempotency_key = ${idempotencyKey}
      and created_at > now() - interval '24 hours' limit 1`;
    if (seen) return null;
  }
  await tx`insert into inngest_dev.runs (id, function_id, event, status, concurrency, idempotency_key, parent, replay_of)
    values (${id}, ${fn.id}, ${json(tx, event)}, 'queued', ${json(tx, concurrency)}, ${idempotencyKey},
      ${options.parent ? json(tx, options.parent) : null}, ${options.replayOf ?? null})`;
  if (unsupported.length) {
    await finishRun(tx, id, { status: "failed", error: errorOf("UnsupportedError", `Inngest dev server: ${unsupported.join("; ")}`) });
  } else {
    await tx`insert into inngest_dev.jobs (run_id, kind) values (${id}, 'discover')`;
  }
  return id;
}

type Finish = { status: "completed"; output: unknown } | { status: "failed"; error: SerializedError } | { status: "cancelled"; reason: string };

export async function finishRun(tx: Tx, runId: string, finish: Finish): Promise<void> {
  const output = finish.status === "completed" ? json(tx, { data: finish.output ?? null }) : null;
  const error = finish.status === "failed" ? json(tx, finish.error) : finish.status === "cancelled" ? json(tx, errorOf("Cancelled", finish.reason)) : null;
  const [run] = await tx<RunRow[]>`update inngest_dev.runs set status = ${finish.status}, output = ${output}, error = ${error},
      ended_at = now(), updated_at = now()
    where id = ${runId} and status not in ('completed','failed','cancelled') returning *`;
  if (!run) return;
  await tx`delete from inngest_dev.jobs where run_id = ${runId}`;
  await tx`update inngest_dev.steps set status = 'cancelled', ended_at = now()
    where run_id = ${runId} and status in ('planned','sleeping','waiting','invoking')`;
  if (finish.status === "failed") {
    // The SDK's onFailure handler is a separate function triggered by this event (InngestFunction.getConfig).
    const data = { function_id: run.function_id, run_id: run.id, error: finish.error, event: run.event };
    await tx`insert into inngest_dev.events (id, name, data, ts) values (${ulid()}, ${FAILED_EVENT}, ${json(tx, data)}, ${Date.now()})`;
  }
  if (run.parent) {
    const outcome: StepOutcome =
      finish.status === "completed"
        ? { data: finish.output ?? null }
        : { error: finish.status === "failed" ? finish.error : errorOf("Cancelled", `invoked run ${runId} was cancelled`) };
    const parent = await lockRun(tx, run.parent.run_id);
    if (parent) await resolveStep(tx, parent, run.parent.step_id, outcome);
  }
}

/**
 * Memoizes a pending step's result (a sleep ending, an event matching, an invoked run ending)
 * and, when nothing else is pending, asks the app for what comes next. Returns false when the
 * step was no longer pending (a timeout and a match raced).
 */
export async function resolveStep(tx: Tx, run: RunRow, stepId: string, outcome: StepOutcome): Promise<boolean> {
  const failed = "error" in outcome;
  const [step] = await tx`update inngest_dev.steps set status = ${failed ? "failed" : "completed"},
      result = ${failed ? null : json(tx, { data: outcome.data ?? null })}, error = ${failed ? json(tx, outcome.error) : null}, ended_at = now()
    where run_id = ${run.id} and id = ${stepId} and status in ('sleeping','waiting','invoking') returning id`;
  if (!step) return false;
  await tx`delete from inngest_dev.jobs where run_id = ${run.id} and step_id = ${stepId} and kind in ('sleep','wait_timeout')`;
  await tx`update inngest_dev.runs set stack = stack || ${json(tx, [stepId])} where id = ${run.id}`;
  await continueIfIdle(tx, run.id);
  return true;
}

/** After a change to a run's steps: discover again if nothing is pending, else show what it waits on. */
export async function continueIfIdle(tx: Tx, runId: string): Promise<void> {
  const pending = await tx<{ status: string }[]>`select status from inngest_dev.steps
    where run_id = ${runId} and status in ('planned','sleeping','waiting','invoking')`;
  const [busy] = await tx`select 1 from inngest_dev.jobs where run_id = ${runId} and kind in ('discover','step') limit 1`;
  if (!pending.length && !busy) await tx`insert into inngest_dev.jobs (run_id, kind) values (${runId}, 'discover')`;
  const has = (s: string) => pending.some((p) => p.status === s);
  const status: RunStatus = !pending.length || has("planned") ? "running" : has("waiting") || has("invoking") ? "waiting" : "sleeping";
  await tx`update inngest_dev.runs set status = ${status}, updated_at = now()
    where id = ${runId} and status not in ('queued','completed','failed','cancelled')`;
}
