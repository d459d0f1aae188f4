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
  // Asked from a stale page (a second tab, or a Resume that overtook the Cancel it undoes): saying
  // "done" would hide that the state is not what the user last saw. 409, with what it is now.
  if (sub.cancelAtPeriodEnd === input.cancel) throw new AppError("CONFLICT", { userMessage: alreadyMessage(input.cancel, sub.currentPeriodEnd) });
  const kind = input.cancel ? "cancel" : "resume";
  const { outcome } = await runIntent(db, { workspaceId: actor.workspace.id, kind, actorUserId: actor.userId, request: { kind, subscriptionId: sub.stripeSubscriptionId } });
  requireSucceeded(outcome);
  const after = await selectSubscription(db, actor.workspace.id);
  return { cancelAtPeriodEnd: after?.cancelAtPeriodEnd ?? input.cancel, currentPeriodEnd: after?.currentPeriodEnd ?? null };
}

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

function alreadyMessage(cancel: boolean, periodEnd: Date | null): string {
  const end = periodEnd ? ` on ${day.format(periodEnd)}` : " at the end of the period";
  return cancel
    ? `The subscription is already set to end${end}. Reload the page to see its current state.`
    : `There is nothing to resume: the subscription is not set to end (it renews${end}). If you just canceled it in another tab, wait for that to finish, reload, and try again.`;
}
