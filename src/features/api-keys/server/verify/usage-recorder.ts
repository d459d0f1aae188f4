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

/** Request-log rows held at most while the writer is behind (the memory bound; counters are never dropped). */
const MAX_BUFFERED = 20_000;
/** Rows per insert; a flush starts at once, without waiting for the tick, when this many wait. */
const BATCH_ROWS = 4_000;

const DAY_MS = 86_400_000;
let lastDay = { from: 0, day: "" };
/** YYYY-MM-DD (UTC) of `at`; the last one is kept, as every request asks. */
function utcDay(at: Date): string {
  const t = at.getTime();
  if (t < lastDay.from || t >= lastDay.from + DAY_MS) lastDay = { from: Math.floor(t / DAY_MS) * DAY_MS, day: at.toISOString().slice(0, 10) };
  return lastDay.day;
}

export type RequestLogRow = RequestRecord & { id: string };

/**
 * One insert of request-log rows. `json`, not `jsonb`: read once into rows, so jsonb's binary
 * conversion is pure cost (about a third of Postgres's CPU for a log row, decision 040).
 * The table has no foreign keys (their per-row checks were another third): the batch's keys
 * are locked here once each (FOR KEY SHARE), so a key deleted meanwhile drops its rows instead
 * of failing the batch, and a key's deletion waits for this commit, after which its trigger
 * (migration 0029) deletes what was written. A row is written only under its key's own
 * workspace, which is what the workspace's listing and that trigger rely on.
 */
export async function writeRequestLog(db: DbOrTx, rows: RequestLogRow[]): Promise<void> {
  const logJson = JSON.stringify(rows.map((r) => ({ ...r, at: r.at.toISOString() })));
  await db.execute(sql`
    with v as (
      select * from json_to_recordset(${logJson}::json) as v(id uuid, "workspaceId" uuid, "apiKeyId" uuid, method text, path text, route text, status int, "latencyMs" int, ip text, "requestId" text, at timestamptz)
    ), live as (
      select k.id, k.workspace_id from api_keys k where k.id in (select distinct "apiKeyId" from v) for key share of k
    )
    insert into api_request_log (id, workspace_id, api_key_id, method, path, route, status, latency_ms, ip, request_id, created_at)
    select v.id, v."workspaceId", v."apiKeyId", v.method, v.path, v.route, v.status, v."latencyMs", v.ip, v."requestId", v.at
    from v join live on live.id = v."apiKeyId" and live.workspace_id = v."workspaceId"`);
}

/**
 * Usage is counted in memory and written in batches, whatever the request rate: the metering —
 * per key/day/route counters, the billing period's count, `last_used_at` — once a second in one
 * transaction, and the request-log rows by a writer of their own. A crash loses at most the
 * last second of metering (it errs towards undercounting, never double-counts). `flush()` is
 * public so tests and shutdown can force a write.
 *
 * When requests come faster than the log can be written (issue 14's bench overran the old
 * 20,000-row buffer at ~8k req/s), the two parts behave differently:
 * - **Metering is never dropped.** Its counters are sums, bounded by the keys × routes × days
 *   in use rather than by the request rate, and they are written by a writer of their own, so a
 *   request log that is behind, failing or waiting on a lock never holds back the billing count.
 * - **The request log is bounded.** A flush starts as soon as `batchRows` wait (not only on the
 *   tick) and writes them `batchRows` to an insert, back to back while behind. At most
 *   `maxBuffered` rows wait; past that a request is still metered but gets no log row, and one
 *   warning per flush says how many were left out (not a line per request, which made an
 *   overload worse). Memory: at most `maxBuffered` rows waiting and as many being written.
 */
export function createUsageRecorder(opts: { db?: DbOrTx; intervalMs?: number; maxBuffered?: number; batchRows?: number } = {}) {
  const db = opts.db ?? defaultDb;
  const maxBuffered = opts.maxBuffered ?? MAX_BUFFERED;
  const batchRows = Math.min(opts.batchRows ?? BATCH_ROWS, maxBuffered);
  let log: RequestLogRow[] = [];
  let daily = new Map<string, Daily>();
  let periods = new Map<string, number>();
  let lastUsed = new Map<string, Date>();
  /** Requests metered but left out of the request log since the last warning. */
  let unlogged = 0;
  let unloggedTotal = 0;
  const flushedListeners = new Set<(periodCounts: Map<string, number>) => void>();

  /** The record, which the recorder keeps: the caller builds a fresh one per request and lets go of it. */
  function record(r: RequestRecord) {
    if (log.length < maxBuffered) {
      // UUIDv7 of the request's time: the log pages by id and retention cuts by id.
      const row = r as RequestLogRow;
      row.id = uuidv7(r.at.getTime());
      log.push(row);
      if (log.length >= batchRows) flusher.kick();
    } else {
      unlogged += 1;
      unloggedTotal += 1;
      flusher.kick();
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
    counterFlusher.schedule();
    flusher.schedule();
  }

  type Counters = { daily: Daily[]; periods: Map<string, number>; lastUsed: Map<string, Date> };

  async function writeCounters(batch: Counters) {
    const periodJson = JSON.stringify([...batch.periods].map(([k, n]) => ({ workspace_id: k.split("|")[0], period_start: k.split("|")[1], requests: n })));
    const lastUsedJson = JSON.stringify([...batch.lastUsed].map(([id, at]) => ({ id, at: at.toISOString() })));
    await db.transaction(async (tx) => {
      // Joined to api_keys so a key deleted with its workspace meanwhile drops its rows instead of failing the batch.
      if (batch.daily.length > 0) {
        await tx.execute(sql`
          insert into api_usage_daily (workspace_id, api_key_id, day, route, requests, errors, latency_ms_total)
          select v."workspaceId", v."apiKeyId", v.day, v.route, v.requests, v.errors, v."latencyMsTotal"
          from json_to_recordset(${JSON.stringify(batch.daily)}::json) as v("workspaceId" uuid, "apiKeyId" uuid, day date, route text, requests int, errors int, "latencyMsTotal" bigint)
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
          from json_to_recordset(${periodJson}::json) as v(workspace_id uuid, period_start date, requests bigint)
          join workspaces w on w.id = v.workspace_id
          on conflict (workspace_id, period_start) do update set requests = api_usage_periods.requests + excluded.requests, updated_at = now()`);
      }
      if (batch.lastUsed.size > 0) {
        await tx.execute(sql`
          update api_keys set last_used_at = v.at
          from json_to_recordset(${lastUsedJson}::json) as v(id uuid, at timestamptz)
          where api_keys.id = v.id and (api_keys.last_used_at is null or api_keys.last_used_at < v.at)`);
      }
    });
  }

  /** Counters that could not be written go back in, added to whatever arrived meanwhile. */
  function restoreCounters(batch: Counters) {
    for (const d of batch.daily) {
      const key = `${d.apiKeyId}|${d.day}|${d.route}`;
      const cur = daily.get(key);
      daily.set(key, cur ? { ...cur, requests: cur.requests + d.requests, errors: cur.errors + d.errors, latencyMsTotal: cur.latencyMsTotal + d.latencyMsTotal } : d);
    }
    for (const [k, n] of batch.periods) periods.set(k, (periods.get(k) ?? 0) + n);
    for (const [id, at] of batch.lastUsed) if (!lastUsed.has(id) || lastUsed.get(id)! < at) lastUsed.set(id, at);
  }

  async function flushCounters() {
    if (daily.size === 0 && periods.size === 0 && lastUsed.size === 0) return;
    const counters: Counters = { daily: [...daily.values()], periods, lastUsed };
    daily = new Map();
    periods = new Map();
    lastUsed = new Map();
    try {
      await writeCounters(counters);
      for (const listener of flushedListeners) listener(counters.periods);
    } catch (error) {
      logger.error({ err: error, keys: counters.lastUsed.size }, "could not write api usage; will retry with the next batch");
      restoreCounters(counters);
    }
  }

  async function flushLog() {
    // The rows waiting now, an insert per `batchRows`; rows that arrive meanwhile wait for the next flush.
    let rows = log;
    log = [];
    try {
      while (rows.length > 0) {
        await writeRequestLog(db, rows.length > batchRows ? rows.slice(0, batchRows) : rows);
        rows = rows.length > batchRows ? rows.slice(batchRows) : [];
      }
    } catch (error) {
      logger.error({ err: error, rows: rows.length }, "could not write api request log rows; will retry with the next batch");
      // Back in front of what arrived meanwhile, within the bound; the rest are counted as left out.
      const room = Math.max(0, maxBuffered - log.length);
      if (rows.length > room) {
        unlogged += rows.length - room;
        unloggedTotal += rows.length - room;
      }
      log = rows.slice(0, room).concat(log);
    }
    if (unlogged > 0) {
      logger.warn({ unlogged, maxBuffered }, "api request log behind: requests metered but left out of the request log");
      unlogged = 0;
    }
  }

  // Two writers, so a request log that is behind (or stuck on a lock) never holds back metering.
  const counterFlusher = periodicFlush(flushCounters, opts.intervalMs ?? 1000, "api-usage-recorder");
  const flusher = periodicFlush(flushLog, opts.intervalMs ?? 1000, "api-request-log");

  return {
    record,
    /** Writes everything recorded so far (waits for a flush already running, then runs one more). */
    async flush(): Promise<void> {
      await Promise.all([counterFlusher.flush(), flusher.flush()]);
    },
    /** Billable requests counted here but not yet written, for the quota check. */
    pendingBillable: (workspaceId: string, periodStart: string) => periods.get(`${workspaceId}|${periodStart}`) ?? 0,
    /** Request-log rows waiting, and requests left out of the log since start (for tests and health). */
    stats: () => ({ bufferedRows: log.length, unloggedTotal }),
    onFlushed(listener: (periodCounts: Map<string, number>) => void) {
      flushedListeners.add(listener);
      return () => flushedListeners.delete(listener);
    },
    stop() {
      counterFlusher.stop();
      flusher.stop();
    },
  };
}
export type UsageRecorder = ReturnType<typeof createUsageRecorder>;

const globalForUsage = globalThis as unknown as { groundworkUsageRecorder?: UsageRecorder };
export function usageRecorder(): UsageRecorder {
  return (globalForUsage.groundworkUsageRecorder ??= createUsageRecorder());
}
