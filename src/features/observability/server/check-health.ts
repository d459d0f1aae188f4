import "server-only";
import postgres, { type Sql } from "postgres";
import { buildInfo } from "@/lib/build-info";
import { migrationStatus } from "@/server/db/migrate";
import { notifyListeners } from "@/server/db/notify-listener";
import { env } from "@/server/env";
import { realtimeHub } from "@/server/realtime/hub";
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

type Check = { ok: boolean; detail: string };
type Ping = { recovery: boolean; readOnly: string };

/**
 * The pool gave no connection in time: is the server slow, or are all of this process's
 * connections busy? A fresh connection outside the pool tells them apart.
 */
async function poolOrServer(error: Error): Promise<{ database: Check & { latencyMs: null }; pool: Check }> {
  const probe = postgres(env.DATABASE_URL, { max: 1, connect_timeout: 2, prepare: false, onnotice: () => {} });
  try {
    await withTimeout(probe`select 1`, DB_TIMEOUT_MS, "database probe");
    return {
      database: { ok: true, detail: "reachable on a fresh connection", latencyMs: null },
      pool: { ok: false, detail: `exhausted: all ${env.DATABASE_POOL_MAX} connections busy for ${DB_TIMEOUT_MS} ms (DATABASE_POOL_MAX)` },
    };
  } catch {
    return { database: { ok: false, detail: error.message, latencyMs: null }, pool: { ok: false, detail: "database unreachable" } };
  } finally {
    await probe.end({ timeout: 0 }).catch(() => {});
  }
}

/** Both LISTEN connections (live events, API-key cache) must hear their own heartbeats. */
async function listenersCheck(): Promise<Check> {
  await withTimeout(realtimeHub().ready(), DB_TIMEOUT_MS + 500, "LISTEN").catch(() => {});
  const states = notifyListeners().map((l) => l.state());
  const silent = states.filter((s) => !s.live);
  if (silent.length > 0) return { ok: false, detail: silent.map((s) => `${s.channel}: ${s.detail}`).join("; ") };
  return { ok: true, detail: `${states.length} listening, heartbeats heard` };
}

/** What /api/health and the status page report; "degraded" turns the health endpoint 503. */
export async function checkHealth(sql: Sql): Promise<SystemStatus> {
  const started = performance.now();
  const pinged = await withTimeout(
    sql<Ping[]>`select pg_is_in_recovery() as recovery, current_setting('default_transaction_read_only') as "readOnly"`,
    DB_TIMEOUT_MS,
    "database ping",
  )
    .then(([row]) => {
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      const database = row!.recovery
        ? { ok: false, detail: "read-only: the server is a standby in recovery (failover in progress?)", latencyMs }
        : row!.readOnly === "on"
          ? { ok: false, detail: "read-only: default_transaction_read_only is on", latencyMs }
          : { ok: true, detail: "reachable, writable", latencyMs };
      return { database, pool: { ok: true, detail: `connection in ${latencyMs} ms (max ${env.DATABASE_POOL_MAX})` } };
    })
    .catch((error: Error) => poolOrServer(error));
  const { database, pool } = pinged;
  const reachable = database.latencyMs !== null;
  const skipped = { ok: false, detail: pool.ok ? "database unreachable" : "skipped: no pooled connection" };

  const migrations = reachable
    ? await withTimeout(migrationStatus(sql), DB_TIMEOUT_MS, "migration check")
        .then((s) =>
          s.pending === 0
            ? { ok: true, detail: `${s.expected} applied` }
            : { ok: false, detail: `${s.pending} of ${s.expected} pending` },
        )
        .catch((error: Error) => ({ ok: false, detail: error.message }))
    : skipped;

  const jobs = reachable
    ? await withTimeout(getJobsHealth(sql), DB_TIMEOUT_MS + 500, "jobs check")
        .then((j) => ({ ok: j.ok, detail: j.detail }))
        .catch((error: Error) => ({ ok: false, detail: error.message }))
    : skipped;

  const listeners = await listenersCheck();
  const checks = { database, pool, listeners, migrations, jobs };

  return {
    status: Object.values(checks).every((c) => c.ok) ? "ok" : "degraded",
    version: buildInfo.version,
    commit: buildInfo.commit,
    uptimeSeconds: Math.round(process.uptime()),
    checks,
  };
}
