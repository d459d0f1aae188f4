import "server-only";
import { PLANS, type BillingInterval, type PaidPlanId } from "@/lib/plans";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { pricesFor } from "./prices";
import { selectSubscription, type SubscriptionRow } from "./subscription-queries";

export type PlanChoice = { plan: PaidPlanId; interval: BillingInterval; seats: number };

/** The subscription to change, refusing when there is none or it can't be changed now. */
export async function requireChangeableSubscription(db: DbOrTx, workspace: { id: string; name: string }): Promise<SubscriptionRow> {
  const sub = await selectSubscription(db, workspace.id);
  if (!sub) throw new AppError("BAD_REQUEST", { userMessage: `${workspace.name} has no subscription yet. Choose a plan to start one.` });
  if (!["active", "trialing", "past_due"].includes(sub.status)) {
    throw new AppError("CONFLICT", { userMessage: `The subscription is ${sub.status.replace("_", " ")}; it can't be changed now. Open the billing portal to fix the payment first.` });
  }
  return sub;
}

/** The items an update sends: the plan item re-priced with its seats, the overage item following plan and interval. */
export async function changeItems(db: DbOrTx, sub: SubscriptionRow, choice: PlanChoice) {
  const seats = PLANS[choice.plan].perSeat ? choice.seats : 1;
  if (choice.plan === sub.plan && choice.interval === sub.interval && seats === sub.seats) {
    throw new AppError("BAD_REQUEST", { userMessage: "That's the current plan and seat count already.", fieldErrors: { seats: ["Nothing would change"] } });
  }
  const { planPrice, overagePrice } = await pricesFor(db, choice.plan, choice.interval);
  const items: { id?: string; price: string; quantity?: number }[] = [{ id: sub.planItemId, price: planPrice, quantity: seats }];
  items.push(sub.overageItemId ? { id: sub.overageItemId, price: overagePrice } : { price: overagePrice });
  return { items, seats };
}
