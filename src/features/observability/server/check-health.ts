import "server-only";
import type { Sql } from "postgres";
import { buildInfo } from "@/lib/build-info";
import { migrationStatus } from "@/server/db/migrate";
import { getJobsHealth } from "@/features/jobs/server/get-jobs-health";
import type { SystemStatus } from "../schemas";

const DB_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** What /api/health and the status page report; "degraded" turns the health endpoint 503. */
export async function checkHealth(sql: Sql): Promise<SystemStatus> {
  const started = performance.now();
  const database = await withTimeout(sql`select 1`, DB_TIMEOUT_MS, "database ping")
    .then(() => ({ ok: true, detail: "reachable", latencyMs: Math.round((performance.now() - started) * 100) / 100 }))
    .catch((error: Error) => ({ ok: false, detail: error.message, latencyMs: null }));

  const migrations = database.ok
    ? await withTimeout(migrationStatus(sql), DB_TIMEOUT_MS, "migration check")
        .then((s) =>
          s.pending === 0
            ? { ok: true, detail: `${s.expected} applied` }
            : { ok: false, detail: `${s.pending} of ${s.expected} pending` },
        )
        .catch((error: Error) => ({ ok: false, detail: error.message }))
    : { ok: false, detail: "database unreachable" };

  const jobs = database.ok
    ? await withTimeout(getJobsHealth(sql), DB_TIMEOUT_MS + 500, "jobs check")
        .then((j) => ({ ok: j.ok, detail: j.detail }))
        .catch((error: Error) => ({ ok: false, detail: error.message }))
    : { ok: false, detail: "database unreachable" };

  return {
    status: database.ok && migrations.ok && jobs.ok ? "ok" : "degraded",
    version: buildInfo.version,
    commit: buildInfo.commit,
    uptimeSeconds: Math.round(process.uptime()),
    checks: { database, migrations, jobs },
  };
}
