import "server-only";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { requireSucceeded, runIntent } from "./run-intent";
import { selectSubscription } from "./subscription-queries";

/** Cancel at the end of the paid period (`cancel: true`) or take that back (`cancel: false`). */
export async function setCancelAtPeriodEnd(input: { cancel: boolean }, actor: WorkspaceActor, db: Db) {
  const sub = await selectSubscription(db, actor.workspace.id);
  if (!sub) throw new AppError("BAD_REQUEST", { userMessage: `${actor.workspace.name} has no subscription to ${input.cancel ? "cancel" : "resume"}.` });
  if (sub.cancelAtPeriodEnd === input.cancel) {
    return { cancelAtPeriodEnd: sub.cancelAtPeriodEnd, currentPeriodEnd: sub.currentPeriodEnd };
  }
  const kind = input.cancel ? "cancel" : "resume";
  const { outcome } = await runIntent(db, { workspaceId: actor.workspace.id, kind, actorUserId: actor.userId, request: { kind, subscriptionId: sub.stripeSubscriptionId } });
  requireSucceeded(outcome);
  const after = await selectSubscription(db, actor.workspace.id);
  return { cancelAtPeriodEnd: after?.cancelAtPeriodEnd ?? input.cancel, currentPeriodEnd: after?.currentPeriodEnd ?? null };
}
