import "server-only";
import { sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { periodicFlush } from "@/server/db/periodic-flush";
import { logger } from "@/server/logging/logger";
import type { RateLimitResult, RateLimitRule } from "./consume";

/** How often each process adds its hits to the shared counters and reads everyone else's. */
export const RATE_LIMIT_SYNC_MS = 200;
/** Keys used this recently are refreshed by each sync though this process added nothing. */
const ACTIVE_MS = 2_000;

type Entry = {
  windowStart: number;
  windowMs: number;
  /** The shared count (every process's hits) as of the last sync. */
  shared: number;
  /** Hits this process sent with the sync still in flight. */
  sending: number;
  /** Hits this process admitted since. */
  unsynced: number;
  touched: boolean;
  /** Wall-clock time of the last hit: a key in use is refreshed every sync, even with nothing to add. */
  activeAt: number;
  /** The window's first hit here waits for the shared count; the rest of the window doesn't. */
  ready: Promise<void> | null;
};

type Row = { key: string; start_ms: number; hits: number };

/**
 * Fixed-window limits counted in memory and reconciled through `rate_limit_buckets` every
 * 200 ms, for paths too hot for a database write per request (the public API's per-key
 * limit). A key's first hit in a window in each process waits for one upsert that counts it
 * and reads the shared count; every later hit is a Map lookup, and a single busy key costs the
 * same one batched statement per 200 ms as many quiet ones. Exact within one process; across
 * N processes a window can overshoot by what the other N−1 admit between two syncs
 * (decision 040). Windows are aligned to the clock so every process agrees where they start.
 */
export function createSyncedLimiter(opts: { db?: DbOrTx; intervalMs?: number } = {}) {
  const db = opts.db ?? defaultDb;
  const entries = new Map<string, Entry>();

  async function upsert(rows: Array<{ key: string; start: number; delta: number }>): Promise<Row[]> {
    const json = JSON.stringify(rows.map((r) => ({ key: r.key, start: new Date(r.start).toISOString(), delta: r.delta })));
    // A counter from an older window restarts; a delta for a window that has already ended elsewhere is dropped.
    return (await db.execute(sql`
      insert into rate_limit_buckets (key, window_started_at, hits)
      select v.key, v.start, v.delta from jsonb_to_recordset(${json}::jsonb) as v(key text, start timestamptz, delta int)
      on conflict (key) do update set
        hits = case
          when rate_limit_buckets.window_started_at < excluded.window_started_at then excluded.hits
          when rate_limit_buckets.window_started_at > excluded.window_started_at then rate_limit_buckets.hits
          else rate_limit_buckets.hits + excluded.hits end,
        window_started_at = greatest(rate_limit_buckets.window_started_at, excluded.window_started_at)
      returning key, (extract(epoch from window_started_at) * 1000)::float8 as start_ms, hits`)) as unknown as Row[];
  }

  function apply(rows: Row[]) {
    for (const row of rows) {
      const entry = entries.get(row.key);
      if (entry && entry.windowStart === row.start_ms) {
        entry.shared = row.hits;
        entry.sending = 0;
      }
    }
  }

  async function syncOnce(): Promise<void> {
    const now = Date.now();
    const batch: Array<[string, Entry]> = [];
    for (const [key, entry] of entries) {
      if (entry.ready) continue;
      if (entry.touched || now - entry.activeAt < ACTIVE_MS) batch.push([key, entry]);
      else if (entry.windowStart + entry.windowMs <= now) entries.delete(key);
    }
    if (batch.length === 0) return;
    for (const [, entry] of batch) {
      entry.sending = entry.unsynced;
      entry.unsynced = 0;
      entry.touched = false;
    }
    try {
      // A delta of 0 still reads what the other processes added.
      apply(await upsert(batch.map(([key, e]) => ({ key, start: e.windowStart, delta: e.sending }))));
    } catch (error) {
      for (const [, entry] of batch) {
        entry.unsynced += entry.sending;
        entry.sending = 0;
        entry.touched = true;
      }
      logger.warn({ err: error, keys: batch.length }, "rate-limit sync failed; counting locally until the next one");
    }
  }

  const flusher = periodicFlush(syncOnce, opts.intervalMs ?? RATE_LIMIT_SYNC_MS, "rate-limit-sync");

  function result(entry: Entry, limit: number, allowed: boolean, now: number): RateLimitResult {
    const used = entry.shared + entry.sending + entry.unsynced;
    const resetAt = new Date(entry.windowStart + entry.windowMs);
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - used),
      resetAt,
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetAt.getTime() - now) / 1000)),
    };
  }

  /** A hit counted in memory, or null when this one must wait for the database (the window's first hit here, or its upsert still in flight). */
  function countInMemory(key: string, windowStart: number, limit: number, now: number): RateLimitResult | null {
    const entry = entries.get(key);
    if (!entry || entry.windowStart < windowStart || entry.ready) return null;
    entry.activeAt = Date.now();
    const allowed = entry.shared + entry.sending + entry.unsynced < limit;
    if (allowed) {
      entry.unsynced += 1;
      entry.touched = true;
    }
    return result(entry, limit, allowed, now);
  }

  const windowStartOf = (rule: RateLimitRule, now: Date) => {
    const windowMs = rule.windowSeconds * 1000;
    return Math.floor(now.getTime() / windowMs) * windowMs;
  };

  return {
    /**
     * `consume` without a promise when the hit can be counted in memory (every hit but a
     * window's first in this process), so the request path needs no async hop; null otherwise.
     */
    consumeNow(rule: RateLimitRule, subject: string, now = new Date()): RateLimitResult | null {
      return countInMemory(`${rule.name}:${subject}`, windowStartOf(rule, now), rule.limit, now.getTime());
    },
    async consume(rule: RateLimitRule, subject: string, now = new Date()): Promise<RateLimitResult> {
      const key = `${rule.name}:${subject}`;
      const windowMs = rule.windowSeconds * 1000;
      const windowStart = windowStartOf(rule, now);
      const entry = entries.get(key);
      if (!entry || entry.windowStart < windowStart) {
        const fresh: Entry = { windowStart, windowMs, shared: 0, sending: 1, unsynced: 0, touched: false, activeAt: Date.now(), ready: null };
        fresh.ready = upsert([{ key, start: windowStart, delta: 1 }])
          .then(apply)
          .finally(() => (fresh.ready = null));
        entries.set(key, fresh);
        flusher.schedule();
        try {
          await fresh.ready;
        } catch (error) {
          if (entries.get(key) === fresh) entries.delete(key);
          throw error;
        }
        return result(fresh, rule.limit, fresh.shared <= rule.limit, now.getTime());
      }
      if (entry.ready) await entry.ready.catch(() => undefined);
      entry.activeAt = Date.now();
      const allowed = entry.shared + entry.sending + entry.unsynced < rule.limit;
      if (allowed) {
        entry.unsynced += 1;
        entry.touched = true;
      }
      return result(entry, rule.limit, allowed, now.getTime());
    },
    /** Sends what this process counted (tests, shutdown). */
    sync: () => flusher.flush(),
    stop: () => flusher.stop(),
    forget: () => entries.clear(),
  };
}
export type SyncedLimiter = ReturnType<typeof createSyncedLimiter>;

const globalForLimiter = globalThis as unknown as { groundworkSyncedLimiter?: SyncedLimiter };
export function syncedLimiter(): SyncedLimiter {
  return (globalForLimiter.groundworkSyncedLimiter ??= createSyncedLimiter());
}
