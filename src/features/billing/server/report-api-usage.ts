import "server-only";
import { billingPeriodStart, entitlementsFor, isPaidPlan } from "@/lib/plans";
import { notify } from "@/features/notifications/server/notify";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { logger } from "@/server/logging/logger";
import { usageEmail } from "./emails";
import { executeIntent } from "./execute-intent";
import { insertIntent } from "./intent-queries";
import { selectOwnerEmails } from "./subscription-queries";
import { advanceReportedOverage, claimUsageWarning, selectUsageForReporting } from "./usage-queries";

/**
 * The usage cron. For each workspace with API usage this period (and last, for its tail):
 * - overage past the included requests on a paid plan is reported to the meter as the delta
 *   since the last report, through an intent whose id is the meter event's `identifier` (the
 *   gateway drops a repeat), with the reported mark moved in the same transaction;
 * - 80% and 100% of the included requests notify and email the owners, once per period.
 */
export async function reportApiUsage(db: Db, now = new Date()): Promise<{ reported: number; warned: number }> {
  const previous = billingPeriodStart(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
  const current = billingPeriodStart(now);
  let reported = 0;
  let warned = 0;
  for (const row of await selectUsageForReporting(db, previous)) {
    const included = entitlementsFor(row.plan, row.seats).includedApiRequests;
    if (row.periodStart === current) {
      for (const percent of [80, 100] as const) {
        const already = percent === 80 ? row.warned80At : row.warned100At;
        if (!already && row.requests >= (included * percent) / 100 && (await warnOwners(db, row, percent, included))) warned++;
      }
    }
    if (!isPaidPlan(row.plan) || !row.customerId) continue;
    const overage = Math.max(0, row.requests - included);
    const delta = overage - row.reportedOverage;
    if (delta <= 0) continue;
    const intent = await db.transaction(async (tx) => {
      if (!(await advanceReportedOverage(tx, row.workspaceId, row.periodStart, row.reportedOverage, overage))) return null;
      return insertIntent(tx, {
        workspaceId: row.workspaceId,
        kind: "usage_report",
        actorUserId: null,
        request: { kind: "usage_report", customerId: row.customerId!, value: delta, periodStart: row.periodStart, timestamp: Math.floor(now.getTime() / 1000) },
      });
    });
    if (!intent) continue;
    const outcome = await executeIntent(db, intent, now);
    if (outcome.status !== "succeeded") logger.warn({ workspaceId: row.workspaceId, intentId: intent.id, outcome }, "usage report not yet accepted; the reconciler retries it");
    reported++;
  }
  return { reported, warned };
}

async function warnOwners(db: Db, row: { workspaceId: string; periodStart: string; slug: string; name: string; plan: Parameters<typeof entitlementsFor>[0] }, percent: 80 | 100, included: number): Promise<boolean> {
  const owners = await transactionWithEffects(db, async (tx, effects) => {
    if (!(await claimUsageWarning(tx, row.workspaceId, row.periodStart, percent))) return null;
    const owners = await selectOwnerEmails(tx, row.workspaceId);
    for (const owner of owners) await effects.email(usageEmail({ to: owner.email, workspace: row, plan: row.plan, percent, included }));
    return owners;
  });
  if (!owners) return false;
  const free = !isPaidPlan(row.plan);
  for (const owner of owners) {
    await notify(
      owner.userId,
      {
        type: "billing.usage",
        title: `${row.name} has used ${percent}% of its API requests`,
        body: free && percent === 100 ? "API requests are refused until next month or an upgrade." : free ? "At 100% API requests stop until next month or an upgrade." : "Requests past the included amount are billed as overage.",
        link: `/w/${row.slug}/billing`,
        workspaceId: row.workspaceId,
      },
      db,
    );
  }
  return true;
}
