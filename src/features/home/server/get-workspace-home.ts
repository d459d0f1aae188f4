import "server-only";
import { getBillingOverview } from "@/features/billing/server/get-billing-overview";
import { POST_STATUS_LABELS } from "@/features/feedback/schemas";
import { listWorkspaceActivity } from "@/features/feedback/server/list-workspace-activity";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import { summarizeMembers } from "@/features/workspaces/server/summarize-members";
import type { DbOrTx } from "@/server/db/client";
import { PLANS } from "@/lib/plans";
import { HOME_ACTIVITY_LIMIT, HOME_MEMBER_LIMIT, type WorkspaceHome } from "../schemas";

/**
 * The workspace's front page: the latest feedback, who is here, and — for admins — plan and
 * API usage this period. A fixed number of queries whatever the workspace holds.
 */
export async function getWorkspaceHome(_input: unknown, actor: WorkspaceActor, db: DbOrTx, now = new Date()): Promise<WorkspaceHome> {
  const manages = actor.workspace.role !== "member";
  const [activity, members, billing] = await Promise.all([
    listWorkspaceActivity({ workspaceId: actor.workspace.id, workspaceSlug: actor.workspace.slug, limit: HOME_ACTIVITY_LIMIT }, db),
    summarizeMembers({ limit: HOME_MEMBER_LIMIT }, actor, db),
    manages ? getBillingOverview(undefined, actor, db, now) : null,
  ]);
  return {
    activity: {
      ...activity,
      items: activity.items.map(({ toStatus, ...item }) => ({ ...item, statusLabel: toStatus ? POST_STATUS_LABELS[toStatus] : null })),
    },
    members,
    plan: billing
      ? {
          id: billing.plan,
          name: PLANS[billing.plan].name,
          status: billing.subscription?.status ?? null,
          cancelAtPeriodEnd: billing.subscription?.cancelAtPeriodEnd ?? false,
          renewsAt: billing.subscription?.currentPeriodEnd ?? null,
          graceEndsAt: billing.subscription?.graceEndsAt ?? null,
          personal: actor.workspace.personal,
        }
      : null,
    usage: billing ? { periodStart: billing.usage.periodStart, requests: billing.usage.requests, included: billing.usage.included } : null,
  };
}
