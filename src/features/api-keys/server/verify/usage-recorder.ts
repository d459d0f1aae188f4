import "server-only";
import { sql } from "drizzle-orm";
import { uuidv7 } from "@/lib/ids";
import { billingPeriodOf } from "@/lib/plans";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { periodicFlush } from "@/server/db/periodic-flush";
import { logger } from "@/server/logging/logger";

export type RequestRecord = {
  workspaceId: string;
  apiKeyId: string;
  method: string;
  path: string;
  route: string;
  status: number;
  latencyMs: number;
  ip: string | null;
  requestId: string;
  at: Date;
  /** Counts against the plan's quota (a request refused by a limit does not). */
  billable: boolean;
};

type Daily = { workspaceId: string; apiKeyId: string; day: string; route: string; requests: number; errors: number; latencyMsTotal: number };

const MAX_BUFFERED = 20_000;

const DAY_MS = 86_400_000;
let lastDay = { from: 0, day: "" };
/** YYYY-MM-DD (UTC) of `at`; the last one is kept, as every request asks. */
function utcDay(at: Date): string {
  const t = at.getTime();
  if (t < lastDay.from || t >= lastDay.from + DAY_MS) lastDay = { from: Math.floor(t / DAY_MS) * DAY_MS, day: at.toISOString().slice(0, 10) };
  return lastDay.day;
}

/**
 * Usage is counted in memory and written once a second in one transaction: request-log rows,
 * per-day/route counters, the billing period's count and `last_used_at`, whatever the request
 * rate. A crash loses at most the last second (metering errs towards undercounting, never
 * double-counts). `flush()` is public so tests and shutdown can force a write.
 */
export function createUsageRecorder(opts: { db?: DbOrTx; intervalMs?: number } = {}) {
  const db = opts.db ?? defaultDb;
  let log: Array<RequestRecord & { id: string }> = [];
  let daily = new Map<string, Daily>();
  let periods = new Map<string, number>();
  let lastUsed = new Map<string, Date>();
  const flushedListeners = new Set<(periodCounts: Map<string, number>) => void>();

  /** The record, which the recorder keeps: the caller builds a fresh one per request and lets go of it. */
  function record(r: RequestRecord) {
    if (log.length >= MAX_BUFFERED) {
      logger.error({ buffered: log.length }, "api usage buffer full; dropping a request-log row");
    } else {
      // UUIDv7 of the request's time: the log pages by id and retention cuts by id.
      const row = r as RequestRecord & { id: string };
      row.id = uuidv7(r.at.getTime());
      log.push(row);
    }
    const day = utcDay(r.at);
    const dailyKey = `${r.apiKeyId}|${day}|${r.route}`;
    let d = daily.get(dailyKey);
    if (!d) daily.set(dailyKey, (d = { workspaceId: r.workspaceId, apiKeyId: r.apiKeyId, day, route: r.route, requests: 0, errors: 0, latencyMsTotal: 0 }));
    d.requests += 1;
    d.errors += r.status >= 400 ? 1 : 0;
    d.latencyMsTotal += r.latencyMs;
    if (r.billable) {
      const periodKey = `${r.workspaceId}|${billingPeriodOf(r.at).start}`;
      periods.set(periodKey, (periods.get(periodKey) ?? 0) + 1);
    }
    const previous = lastUsed.get(r.apiKeyId);
    if (!previous || previous < r.at) lastUsed.set(r.apiKeyId, r.at);
    flusher.schedule();
  }

  async function write(batch: { log: Array<RequestRecord & { id: string }>; daily: Daily[]; periods: Map<string, number>; lastUsed: Map<string, Date> }) {
    const logJson = JSON.stringify(batch.log.map((r) => ({ ...r, at: r.at.toISOString() })));
    const periodJson = JSON.stringify([...batch.periods].map(([k, n]) => ({ workspace_id: k.split("|")[0], period_start: k.split("|")[1], requests: n })));
    const lastUsedJson = JSON.stringify([...batch.lastUsed].map(([id, at]) => ({ id, at: at.toISOString() })));
    await db.transaction(async (tx) => {
      // Joined to api_keys so a key deleted with its workspace meanwhile drops its rows instead of failing the batch.
      if (batch.log.length > 0) {
        await tx.execute(sql`
          insert into api_request_log (id, workspace_id, api_key_id, method, path, route, status, latency_ms, ip, request_id, created_at)
          select v.id, v."workspaceId", v."apiKeyId", v.method, v.path, v.route, v.status, v."latencyMs", v.ip, v."requestId", v.at
          from jsonb_to_recordset(${logJson}::jsonb) as v(id uuid, "workspaceId" uuid, "apiKeyId" uuid, method text, path text, route text, status int, "latencyMs" int, ip text, "requestId" text, at timestamptz)
          join api_keys k on k.id = v."apiKeyId"`);
      }
      if (batch.daily.length > 0) {
        await tx.execute(sql`
          insert into api_usage_daily (workspace_id, api_key_id, day, route, requests, errors, latency_ms_total)
          select v."workspaceId", v."apiKeyId", v.day, v.route, v.requests, v.errors, v."latencyMsTotal"
          from jsonb_to_recordset(${JSON.stringify(batch.daily)}::jsonb) as v("workspaceId" uuid, "apiKeyId" uuid, day date, route text, requests int, errors int, "latencyMsTotal" bigint)
          join api_keys k on k.id = v."apiKeyId"
          on conflict (api_key_id, day, route) do update set
            requests = api_usage_daily.requests + excluded.requests,
            errors = api_usage_daily.errors + excluded.errors,
            latency_ms_total = api_usage_daily.latency_ms_total + excluded.latency_ms_total`);
      }
      if (batch.periods.size > 0) {
        await tx.execute(sql`
          insert into api_usage_periods (workspace_id, period_start, requests, updated_at)
          select v.workspace_id, v.period_start, v.requests, now()
          from jsonb_to_recordset(${periodJson}::jsonb) as v(workspace_id uuid, period_start date, requests bigint)
          join workspaces w on w.id = v.workspace_id
          on conflict (workspace_id, period_start) do update set requests = api_usage_periods.requests + excluded.requests, updated_at = now()`);
      }
      if (batch.lastUsed.size > 0) {
        await tx.execute(sql`
          update api_keys set last_used_at = v.at
          from jsonb_to_recordset(${lastUsedJson}::jsonb) as v(id uuid, at timestamptz)
          where api_keys.id = v.id and (api_keys.last_used_at is null or api_keys.last_used_at < v.at)`);
      }
    });
  }

  async function flushOnce() {
    if (log.length === 0 && daily.size === 0 && periods.size === 0 && lastUsed.size === 0) return;
    const batch = { log, daily: [...daily.values()], periods, lastUsed };
    log = [];
    daily = new Map();
    periods = new Map();
    lastUsed = new Map();
    try {
      await write(batch);
      for (const listener of flushedListeners) listener(batch.periods);
    } catch (error) {
      logger.error({ err: error, rows: batch.log.length }, "could not write api usage; will retry with the next batch");
      // Put the counts back; the next tick retries them with whatever arrived meanwhile.
      for (const r of batch.log) if (log.length < MAX_BUFFERED) log.push(r);
      for (const d of batch.daily) {
        const key = `${d.apiKeyId}|${d.day}|${d.route}`;
        const cur = daily.get(key);
        daily.set(key, cur ? { ...cur, requests: cur.requests + d.requests, errors: cur.errors + d.errors, latencyMsTotal: cur.latencyMsTotal + d.latencyMsTotal } : d);
      }
      for (const [k, n] of batch.periods) periods.set(k, (periods.get(k) ?? 0) + n);
      for (const [id, at] of batch.lastUsed) if (!lastUsed.has(id) || lastUsed.get(id)! < at) lastUsed.set(id, at);
    }
  }

  const flusher = periodicFlush(flushOnce, opts.intervalMs ?? 1000, "api-usage-recorder");

  return {
    record,
    /** Writes everything recorded so far (waits for a flush already running, then runs one more). */
    flush: flusher.flush,
    /** Billable requests counted here but not yet written, for the quota check. */
    pendingBillable: (workspaceId: string, periodStart: string) => periods.get(`${workspaceId}|${periodStart}`) ?? 0,
    onFlushed(listener: (periodCounts: Map<string, number>) => void) {
      flushedListeners.add(listener);
      return () => flushedListeners.delete(listener);
    },
    stop: flusher.stop,
  };
}
export type UsageRecorder = ReturnType<typeof createUsageRecorder>;

const globalForUsage = globalThis as unknown as { groundworkUsageRecorder?: UsageRecorder };
export function usageRecorder(): UsageRecorder {
  return (globalForUsage.groundworkUsageRecorder ??= createUsageRecorder());
}
