/**
 * Read models for the staff "Jobs" page and for tests: runs, one run with its steps, queue
 * stats, and replay of a failed run with its original event.
 */
import type { Sql } from "postgres";
import { createRun } from "./runs";
import { TERMINAL, type RunRow, type RunStatus, type StoredFunction } from "./types";

const STATUSES: RunStatus[] = ["queued", "running", "sleeping", "waiting", "completed", "failed", "cancelled"];

type RunRecord = RunRow & { attempts: number; step_count?: number; output: { data: unknown } | null; error: unknown; started_at: Date | null; ended_at: Date | null; updated_at: Date; replay_of: string | null };

function presentRun(run: RunRecord) {
  return {
    id: run.id,
    functionId: run.function_id,
    status: run.status,
    event: run.event,
    /** Calls to the app's endpoint (each runs one step or more), not retries. */
    attempts: run.attempts,
    stepCount: run.step_count ?? null,
    output: run.output?.data ?? null,
    // The last error is kept while a run retries; it is only "the" error once the run failed.
    error: run.error ?? null,
    replayOf: run.replay_of,
    invokedBy: run.parent,
    createdAt: run.created_at,
    startedAt: run.started_at,
    endedAt: run.ended_at,
    updatedAt: run.updated_at,
  };
}

export async function listRuns(sql: Sql, query: URLSearchParams) {
  const status = query.get("status") || null;
  if (status && !STATUSES.includes(status as RunStatus)) throw new RangeError(`status must be one of ${STATUSES.join(", ")}`);
  const functionId = query.get("function_id") || null;
  const limit = Math.min(Math.max(Number(query.get("limit") ?? 50) || 50, 1), 500);
  const runs = await sql<RunRecord[]>`select r.*, (select count(*)::int from inngest_dev.steps s where s.run_id = r.id) as step_count from inngest_dev.runs r
    where (${status}::text is null or status = ${status}) and (${functionId}::text is null or function_id = ${functionId})
    order by created_at desc, id desc limit ${limit}`;
  return { runs: runs.map(presentRun) };
}

export async function getRun(sql: Sql, id: string) {
  const [run] = await sql<RunRecord[]>`select * from inngest_dev.runs where id = ${id}`;
  if (!run) return null;
  const steps = await sql<{ id: string; name: string | null; display_name: string | null; op: string; status: string; attempts: number; result: { data: unknown } | null; error: unknown; created_at: Date; ended_at: Date | null }[]>`
    select * from inngest_dev.steps where run_id = ${id} order by created_at, id`;
  return {
    ...presentRun(run),
    steps: steps.map((s) => ({
      id: s.id,
      name: s.display_name ?? s.name,
      op: s.op,
      status: s.status,
      attempts: s.attempts,
      result: s.result?.data ?? null,
      error: s.error ?? null,
      createdAt: s.created_at,
      endedAt: s.ended_at,
    })),
  };
}

export type ReplayResult = { kind: "replayed"; runId: string } | { kind: "not_found" } | { kind: "not_finished"; status: RunStatus };

export async function replayRun(sql: Sql, id: string): Promise<ReplayResult> {
  return sql.begin(async (tx) => {
    const [run] = await tx<RunRow[]>`select * from inngest_dev.runs where id = ${id}`;
    if (!run) return { kind: "not_found" as const };
    if (!TERMINAL.includes(run.status) || run.status === "completed") return { kind: "not_finished" as const, status: run.status };
    const [fn] = await tx<StoredFunction[]>`select * from inngest_dev.functions where id = ${run.function_id}`;
    if (!fn) return { kind: "not_found" as const };
    const runId = await createRun(tx, fn, run.event, { replayOf: run.id, parent: undefined });
    return { kind: "replayed" as const, runId: runId! };
  });
}

export async function stats(sql: Sql) {
  const [lag] = await sql<{ oldest: Date | null; pending: number }[]>`
    select min(received_at) as oldest, count(*)::int as pending from inngest_dev.events where processed_at is null`;
  const [jobs] = await sql<{ oldest: Date | null; ready: number }[]>`
    select min(run_at) as oldest, count(*)::int as ready from inngest_dev.jobs where claimed_at is null and run_at <= now()`;
  const counts = await sql<{ status: RunStatus; n: number }[]>`select status, count(*)::int as n from inngest_dev.runs group by status`;
  const now = Date.now();
  return {
    queueLagMs: lag?.oldest ? Math.max(0, now - lag.oldest.getTime()) : 0,
    pendingEvents: lag?.pending ?? 0,
    readyJobs: jobs?.ready ?? 0,
    oldestReadyJobMs: jobs?.oldest ? Math.max(0, now - jobs.oldest.getTime()) : 0,
    runs: Object.fromEntries(STATUSES.map((s) => [s, counts.find((c) => c.status === s)?.n ?? 0])),
  };
}
