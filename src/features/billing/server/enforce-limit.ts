import "server-only";
import { entitlementsFor, PLANS } from "@/lib/plans";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { selectLimitUsage } from "./queries";

export type LimitedResource = "members" | "boards";

/**
 * Refuses to create one more member/invite or board past the workspace's plan. Called inside the
 * creating operation (tRPC, REST and jobs alike). Over a limit after a downgrade nothing is
 * removed; only adding is refused, with what to do about it. One query: plan, seats and the count.
 */
export async function enforceLimit(db: DbOrTx, workspaceId: string, resource: LimitedResource, opts: { joiningByInvite?: boolean } = {}): Promise<void> {
  // Someone accepting an invite was already counted as a pending invite: count members only.
  const usage = await selectLimitUsage(db, workspaceId, opts.joiningByInvite ? "memberships" : resource);
  if (!usage) return;
  const limit = entitlementsFor(usage.plan, usage.seats)[resource];
  if (limit === null || usage.used < limit) return;
  const plan = PLANS[usage.plan];
  const what = resource === "members" ? `${limit} member${limit === 1 ? "" : "s"} (pending invites included)` : `${limit} feedback board${limit === 1 ? "" : "s"}`;
  const fix =
    resource === "members"
      ? plan.perSeat
        ? `An owner can add seats on the billing page (/w/${usage.slug}/billing), or remove a member or revoke an invite first.`
        : `An owner can upgrade the plan on the billing page (/w/${usage.slug}/billing), or remove a member or revoke an invite first.`
      : `An owner can upgrade the plan on the billing page (/w/${usage.slug}/billing), or delete a board first.`;
  throw new AppError("PAYMENT_REQUIRED", {
    userMessage: `${usage.name} is on the ${plan.name} plan, which allows ${what}. ${fix}`,
  });
}
