import "server-only";
import { billingPeriodStart, entitlementsFor, PLANS } from "@/lib/plans";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { DbOrTx } from "@/server/db/client";
import type { BillingOverview } from "../schemas";
import { selectPendingChange } from "./intent-queries";
import { selectPlanAndCounts } from "./queries";
import { selectSubscription } from "./subscription-queries";
import { selectUsageThisPeriod } from "./usage-queries";
import { toSubscriptionDto } from "./to-dto";

/** Everything the billing page shows except invoices (those come from the gateway, separately). */
export async function getBillingOverview(_input: unknown, actor: WorkspaceActor, db: DbOrTx, now = new Date()): Promise<BillingOverview> {
  const periodStart = billingPeriodStart(now);
  // Four queries (plus the tier's): the page's whole batch stays small however much it shows.
  const [workspace, sub, usage, pending] = await Promise.all([
    selectPlanAndCounts(db, actor.workspace.id),
    selectSubscription(db, actor.workspace.id),
    selectUsageThisPeriod(db, actor.workspace.id, periodStart, periodStart),
    selectPendingChange(db, actor.workspace.id),
  ]);
  const plan = workspace?.plan ?? "free";
  const counts = workspace?.counts ?? { members: 0, boards: 0 };
  const byDay = new Map(usage.daily.map((d) => [d.day, d.requests]));
  const daily = Array.from({ length: now.getUTCDate() }, (_, i) => {
    const day = `${periodStart.slice(0, 8)}${String(i + 1).padStart(2, "0")}`;
    return { day, requests: byDay.get(day) ?? 0 };
  });
  const limits = entitlementsFor(plan, workspace?.seats ?? null);
  return {
    workspace: { slug: actor.workspace.slug, name: actor.workspace.name },
    canManage: actor.workspace.role === "owner",
    plan,
    subscription: sub ? toSubscriptionDto(sub) : null,
    limits: { members: limits.members, boards: limits.boards },
    counts,
    usage: {
      periodStart,
      requests: usage.period,
      included: limits.includedApiRequests,
      overageCentsPer1000: PLANS[plan].overageCentsPer1000,
      daily,
    },
    pendingChange: pending ? { kind: pending.kind, error: pending.error } : null,
  };
}
