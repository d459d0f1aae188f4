import "server-only";
import { billingPeriodOf, PLANS, type BillingPeriod, type PlanId } from "@/lib/plans";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { selectPeriodRequests } from "../usage-queries";
import { usageRecorder, type UsageRecorder } from "./usage-recorder";

export type QuotaCheck = { allowed: boolean; used: number; limit: number; resetAt: Date; planName: string };

const REFRESH_MS = 2_000;

type Entry = { requests: number; fetchedAt: number };

/**
 * The plan's monthly quota, checked per request without a query per request: the period's
 * count is read at most every two seconds per workspace and this process's unwritten count is
 * added. Several processes can together overshoot by what they serve in that window — the
 * price of not serialising every request on one counter row.
 */
export function createQuota(opts: { db?: DbOrTx; recorder?: UsageRecorder } = {}) {
  const db = opts.db ?? defaultDb;
  const recorder = opts.recorder ?? usageRecorder();
  const cache = new Map<string, Entry>();
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

  return {
    /** The check without a promise while the period's count is fresh (almost every request); null when it must be read again. */
    checkNow(workspaceId: string, planId: PlanId, now = new Date()): QuotaCheck | null {
      const period = billingPeriodOf(now);
      const entry = cache.get(`${workspaceId}|${period.start}`);
      if (!entry || now.getTime() - entry.fetchedAt > REFRESH_MS) return null;
      return answer(entry, workspaceId, planId, period);
    },
    async check(workspaceId: string, planId: PlanId, now = new Date()): Promise<QuotaCheck> {
      const period = billingPeriodOf(now);
      const key = `${workspaceId}|${period.start}`;
      let entry = cache.get(key);
      if (!entry || now.getTime() - entry.fetchedAt > REFRESH_MS) {
        entry = { requests: await selectPeriodRequests(db, workspaceId, period.start), fetchedAt: now.getTime() };
        cache.set(key, entry);
      }
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
