import "server-only";
import type { Sql } from "postgres";
import { env, inngestMode } from "@/server/env";
import { devServer, DevServerError, devServerUrl } from "@/server/jobs/dev-server-api";

export type HeartbeatStatus = { name: string; lastBeatAt: Date | null; expectedEverySeconds: number; overdue: boolean };
export type JobsHealth = {
  ok: boolean;
  detail: string;
  mode: "inline" | "dev" | "cloud";
  /** Age of the oldest outbox row Inngest has not accepted yet (null: none, or inline mode). */
  outboxLagSeconds: number | null;
  /** The dev server's own queue lag (null: not on the local dev server, or unreachable). */
  queueLagSeconds: number | null;
  deadLettered: number;
  heartbeats: HeartbeatStatus[];
};

type Row = {
  heartbeats: { name: string; last_beat_at: string | null; registered_at: string; expected_every_seconds: number }[];
  oldest_unrelayed: Date | string | null;
  dead_lettered: number;
};

/**
 * Background work as /api/health sees it, in one query: degraded when a cron's heartbeat is
 * older than twice its interval — counted from its last beat, or from when the schedule was
 * registered at sync if it never ran (so a fresh deploy is healthy) — or when queued work is
 * older than JOBS_LAG_THRESHOLD_SECONDS. Dead letters are reported, not alarming: staff replay them.
 */
export async function getJobsHealth(sql: Sql, now = new Date()): Promise<JobsHealth> {
  const mode = inngestMode();
  const [row] = await sql<Row[]>`
    select
      (select coalesce(json_agg(h order by h.name), '[]'::json) from job_heartbeats h) as heartbeats,
      (select min(created_at) from outbox where relayed_at is null and sent_at is null and dead_lettered_at is null) as oldest_unrelayed,
      (select count(*)::int from outbox where dead_lettered_at is not null) as dead_lettered`;
  const heartbeats = row!.heartbeats.map((h) => {
    const since = new Date(h.last_beat_at ?? h.registered_at);
    return {
      name: h.name,
      lastBeatAt: h.last_beat_at ? new Date(h.last_beat_at) : null,
      expectedEverySeconds: h.expected_every_seconds,
      // With Inngest its crons beat; without it the inline scheduler does (instrumentation.ts).
      overdue: now.getTime() - since.getTime() > 2 * h.expected_every_seconds * 1000,
    };
  });
  // Inline delivery has no queue: an unsent row there is a failed send, shown on the Jobs page.
  const oldest = row!.oldest_unrelayed === null ? null : new Date(row!.oldest_unrelayed);
  const outboxLagSeconds = mode && oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : null;

  let queueLagSeconds: number | null = null;
  let devServerProblem: string | null = null;
  if (devServerUrl()) {
    try {
      queueLagSeconds = Math.round(Math.max((await devServer.stats()).queueLagMs, 0) / 1000);
    } catch (error) {
      // A 404 is an Inngest dev server without this read API (the official inngest-cli): no lag figure, no alarm.
      if (!(error instanceof DevServerError && error.status === 404)) devServerProblem = `dev server unreachable (${(error as Error).message})`;
    }
  }

  const threshold = env.JOBS_LAG_THRESHOLD_SECONDS;
  const problems = [
    ...heartbeats.filter((h) => h.overdue).map((h) => `${h.name} overdue`),
    ...(outboxLagSeconds !== null && outboxLagSeconds > threshold ? [`outbox relay lag ${outboxLagSeconds} s`] : []),
    ...(queueLagSeconds !== null && queueLagSeconds > threshold ? [`queue lag ${queueLagSeconds} s`] : []),
    ...(devServerProblem ? [devServerProblem] : []),
  ];
  const detail = problems.length
    ? problems.join("; ")
    : !mode
      ? `inline delivery · ${heartbeats.length} schedule(s) on time, run in-process (Inngest not configured)`
      : `${heartbeats.length} schedule(s) on time · lag ${Math.max(outboxLagSeconds ?? 0, queueLagSeconds ?? 0)} s`;
  return {
    ok: problems.length === 0,
    detail,
    mode: mode?.kind ?? "inline",
    outboxLagSeconds,
    queueLagSeconds,
    deadLettered: row!.dead_lettered,
    heartbeats,
  };
}
