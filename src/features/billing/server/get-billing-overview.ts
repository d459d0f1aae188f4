import "server-only";
import { billingPeriodStart, entitlementsFor, PLANS } from "@/lib/plans";
import { getApiUsage } from "@/features/api-keys/server/get-api-usage";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { DbOrTx } from "@/server/db/client";
import type { BillingOverview } from "../schemas";
import { selectPendingChange } from "./intent-queries";
import { selectWorkspaceCounts } from "./queries";
import { selectSubscription, selectWorkspaceForBilling } from "./subscription-queries";
import { toSubscriptionDto } from "./to-dto";

/** Everything the billing page shows except invoices (those come from the gateway, separately). */
export async function getBillingOverview(_input: unknown, actor: WorkspaceActor, db: DbOrTx, now = new Date()): Promise<BillingOverview> {
  const dayOfPeriod = now.getUTCDate();
  const [workspace, sub, counts, usage, pending] = await Promise.all([
    selectWorkspaceForBilling(db, actor.workspace.id),
    selectSubscription(db, actor.workspace.id),
    selectWorkspaceCounts(db, actor.workspace.id),
    getApiUsage({ days: dayOfPeriod, keyId: null }, actor, db, now),
    selectPendingChange(db, actor.workspace.id),
  ]);
  const plan = workspace?.plan ?? "free";
  const limits = entitlementsFor(plan, workspace?.seats ?? null);
  return {
    workspace: { slug: actor.workspace.slug, name: actor.workspace.name },
    canManage: actor.workspace.role === "owner",
    plan,
    subscription: sub ? toSubscriptionDto(sub) : null,
    limits: { members: limits.members, boards: limits.boards },
    counts,
    usage: {
      periodStart: billingPeriodStart(now),
      requests: usage.period.requests,
      included: limits.includedApiRequests,
      overageCentsPer1000: PLANS[plan].overageCentsPer1000,
      daily: usage.days.map((d) => ({ day: d.day, requests: d.requests })),
    },
    pendingChange: pending ? { kind: pending.kind, error: pending.error } : null,
  };
}
