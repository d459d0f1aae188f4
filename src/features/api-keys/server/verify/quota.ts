import "server-only";
import { billingPeriodOf, PLANS, type BillingPeriod, type PlanId } from "@/lib/plans";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { selectPeriodRequests } from "../usage-queries";
import { usageRecorder, type UsageRecorder } from "./usage-recorder";

export type QuotaCheck = { allowed: boolean; used: number; limit: number; resetAt: Date; planName: string };

/** A period's count older than this is read again, in the background while requests go on. */
const REFRESH_MS = 2_000;
/** A count older than this is not served: requests wait for the read (an outage, a new process). */
const STALE_MAX_MS = 10_000;

type Entry = { requests: number; fetchedAt: number };

/**
 * The plan's monthly quota, checked per request without a query per request: the period's
 * count is read at most every two seconds per workspace and this process's unwritten count is
 * added. Several processes can together overshoot by what they serve between two reads — the
 * price of not serialising every request on one counter row.
 *
 * One read per workspace at a time, whoever asks: when a count went stale, every request that
 * arrived in the next moment used to run its own read and wait for it (at 64 connections,
 * dozens of identical queries queued on the pool, and those requests' latency went from ~1 ms
 * to several hundred, decision 040). Now a stale count is still served while one read runs in
 * the background, for up to STALE_MAX_MS; only a request with no count, or one older than that,
 * waits, and it shares the read already under way.
 */
export function createQuota(opts: { db?: DbOrTx; recorder?: UsageRecorder } = {}) {
  const db = opts.db ?? defaultDb;
  const recorder = opts.recorder ?? usageRecorder();
  const cache = new Map<string, Entry>();
  const reading = new Map<string, Promise<Entry>>();
  recorder.onFlushed((counts) => {
    for (const [key, n] of counts) {
      const entry = cache.get(key);
      if (entry) entry.requests += n;
    }
  });

  function answer(entry: Entry, workspaceId: string, planId: PlanId, period: BillingPeriod): QuotaCheck {
    const plan = PLANS[planId];
    const used = entry.requests + recorder.pendingBillable(workspaceId, period.start);
    // Free stops at its included requests; paid plans keep serving and bill the overage.
    return { allowed: plan.overageCentsPer1000 !== null || used < plan.monthlyApiRequests, used, limit: plan.monthlyApiRequests, resetAt: period.next, planName: plan.name };
  }

  /** The read of a period's count, shared by everyone who asks while it runs. */
  function read(key: string, workspaceId: string, period: BillingPeriod, now: Date): Promise<Entry> {
    let pending = reading.get(key);
    if (!pending) {
      pending = selectPeriodRequests(db, workspaceId, period.start)
        .then((requests) => {
          const entry = { requests, fetchedAt: now.getTime() };
          cache.set(key, entry);
          return entry;
        })
        .finally(() => reading.delete(key));
      reading.set(key, pending);
    }
    return pending;
  }

  /** The cached entry if it may be served now (starting a background read when it is due), else null. */
  function servable(key: string, workspaceId: string, period: BillingPeriod, now: Date): Entry | null {
    const entry = cache.get(key);
    if (!entry) return null;
    const age = now.getTime() - entry.fetchedAt;
    if (age > STALE_MAX_MS) return null;
    // A failed background read leaves the entry as it was; the next request past REFRESH_MS tries again.
    if (age > REFRESH_MS) read(key, workspaceId, period, now).catch(() => {});
    return entry;
  }

  return {
    /** The check without a promise while there is a count to serve (almost every request); null when it must be read first. */
    checkNow(workspaceId: string, planId: PlanId, now = new Date()): QuotaCheck | null {
      const period = billingPeriodOf(now);
      const entry = servable(`${workspaceId}|${period.start}`, workspaceId, period, now);
      return entry ? answer(entry, workspaceId, planId, period) : null;
    },
    async check(workspaceId: string, planId: PlanId, now = new Date()): Promise<QuotaCheck> {
      const period = billingPeriodOf(now);
      const key = `${workspaceId}|${period.start}`;
      const entry = servable(key, workspaceId, period, now) ?? (await read(key, workspaceId, period, now));
      return answer(entry, workspaceId, planId, period);
    },
    forget: () => cache.clear(),
  };
}
export type Quota = ReturnType<typeof createQuota>;

const globalForQuota = globalThis as unknown as { groundworkApiQuota?: Quota };
export function apiQuota(): Quota {
  return (globalForQuota.groundworkApiQuota ??= createQuota());
}
