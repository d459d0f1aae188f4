/**
 * The executor's read side of the event API: each stored event, once, starts the runs it
 * triggers, cancels the runs it cancels and resumes the waitForEvent steps it matches.
 */
import type { Sql } from "postgres";
import { compileExpression } from "./expression";
import { createRun, errorOf, finishRun, lockRun, resolveStep, type Tx } from "./runs";
import { parseDuration } from "./time";
import type { InngestEvent, Log, RunRow, StoredFunction } from "./types";

type EventRow = InngestEvent & { received_at: Date };

function toEvent(row: EventRow): InngestEvent {
  return { id: row.id, name: row.name, data: row.data, ts: Number(row.ts), ...(row.user == null ? {} : { user: row.user }) };
}

function matches(condition: string | null | undefined, scope: { event?: unknown; async?: unknown }): boolean {
  return !condition || Boolean(compileExpression(condition)(scope));
}

async function startRuns(tx: Tx, functions: StoredFunction[], event: InngestEvent, log: Log) {
  for (const fn of functions) {
    const triggers = fn.config.triggers.filter((t) => "event" in t && t.event === event.name) as Array<{ event: string; expression?: string }>;
    if (!triggers.length) continue;
    // An expression the evaluator cannot read is already listed in fn.unsupported; createRun fails the run with it.
    const fires = fn.unsupported.length > 0 || triggers.some((t) => matches(t.expression, { event }));
    if (!fires) continue;
    const runId = await createRun(tx, fn, event);
    log(runId ? `event ${event.name} → run ${runId} of ${fn.id}` : `event ${event.name}: ${fn.id} skipped (idempotency)`);
  }
}

async function cancelRuns(tx: Tx, functions: StoredFunction[], event: InngestEvent, receivedAt: Date, log: Log) {
  for (const fn of functions) {
    for (const cancel of fn.config.cancel ?? []) {
      if (cancel.event !== event.name || fn.unsupported.length) continue;
      const runs = await tx<RunRow[]>`select * from inngest_dev.runs where function_id = ${fn.id}
        and status not in ('completed','failed','cancelled') and created_at < ${receivedAt}`;
      for (const run of runs) {
        if (cancel.timeout && run.created_at.getTime() + parseDuration(cancel.timeout) < receivedAt.getTime()) continue;
        if (!matches(cancel.if, { event: run.event, async: event })) continue;
        await finishRun(tx, run.id, { status: "cancelled", reason: `cancelled by event ${event.name} (${event.id})` });
        log(`run ${run.id} of ${fn.id} cancelled by ${event.name}`);
      }
    }
  }
}

async function resumeWaits(tx: Tx, event: InngestEvent, receivedAt: Date) {
  const waiting = await tx<{ run_id: string; id: string; wait_if: string | null; run_event: InngestEvent }[]>`
    select s.run_id, s.id, s.wait_if, r.event as run_event from inngest_dev.steps s join inngest_dev.runs r on r.id = s.run_id
    where s.status = 'waiting' and s.wait_event = ${event.name} and s.created_at <= ${receivedAt} order by s.created_at`;
  for (const step of waiting) {
    let matched: boolean;
    try {
      matched = matches(step.wait_if, { event: step.run_event, async: event });
    } catch (error) {
      await finishRun(tx, step.run_id, { status: "failed", error: errorOf("UnsupportedError", (error as Error).message) });
      continue;
    }
    if (!matched) continue;
    const run = await lockRun(tx, step.run_id);
    if (run) await resolveStep(tx, run, step.id, { data: event });
  }
}

/** Processes a batch of unprocessed events; returns how many. */
export async function processEvents(sql: Sql, log: Log): Promise<number> {
  return sql.begin(async (tx) => {
    const rows = await tx<EventRow[]>`select * from inngest_dev.events where processed_at is null
      order by received_at, id limit 50 for update skip locked`;
    if (!rows.length) return 0;
    const functions = await tx<StoredFunction[]>`select * from inngest_dev.functions`;
    for (const row of rows) {
      const event = toEvent(row);
      await cancelRuns(tx, functions, event, row.received_at, log);
      await resumeWaits(tx, event, row.received_at);
      await startRuns(tx, functions, event, log);
      await tx`update inngest_dev.events set processed_at = now() where id = ${row.id}`;
    }
    return rows.length;
  });
}
