import "server-only";
import type { z } from "zod";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { Db } from "@/server/db/client";
import type { changeSubscriptionInput } from "../schemas";
import { changeItems, requireChangeableSubscription } from "./plan-change";
import { requireSucceeded, runIntent } from "./run-intent";
import { selectSubscription } from "./subscription-queries";

/**
 * Upgrades, downgrades or re-seats through an intent, charging the proration at once; a declined
 * card refuses the whole change (nothing half-applied). The stored state is re-read from the
 * gateway after the call, the same sync webhooks run.
 */
export async function changeSubscription(input: z.output<typeof changeSubscriptionInput>, actor: WorkspaceActor, db: Db) {
  const sub = await requireChangeableSubscription(db, actor.workspace);
  const { items, seats } = await changeItems(db, sub, input);
  const { outcome } = await runIntent(db, {
    workspaceId: actor.workspace.id,
    kind: "change_subscription",
    actorUserId: actor.userId,
    request: { kind: "change_subscription", subscriptionId: sub.stripeSubscriptionId, plan: input.plan, interval: input.interval, seats, items, prorationDate: input.prorationDate },
  });
  requireSucceeded(outcome);
  const after = await selectSubscription(db, actor.workspace.id);
  return { kind: "applied" as const, plan: after?.plan ?? input.plan, seats: after?.seats ?? seats, status: after?.status ?? null };
}
