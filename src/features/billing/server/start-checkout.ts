import "server-only";
import type { z } from "zod";
import { ENTITLED_STATUSES, PLANS } from "@/lib/plans";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import type { planChoiceInput } from "../schemas";
import { ensureCustomer } from "./ensure-customer";
import { pricesFor } from "./prices";
import { requireSucceeded, runIntent } from "./run-intent";
import { selectSubscription } from "./subscription-queries";

/** A hosted checkout for a first subscription; the plan changes when its webhook is processed. */
export async function startCheckout(input: z.output<typeof planChoiceInput>, actor: WorkspaceActor, db: Db): Promise<{ url: string }> {
  const workspace = actor.workspace;
  if (workspace.personal) throw new AppError("BAD_REQUEST", { userMessage: "Personal workspaces stay on Free. Create a team workspace to subscribe." });
  const current = await selectSubscription(db, workspace.id);
  // An incomplete or unpaid leftover doesn't block a fresh checkout; a live subscription does.
  if (current && (ENTITLED_STATUSES as readonly string[]).includes(current.status)) {
    throw new AppError("CONFLICT", { userMessage: `${workspace.name} already has the ${PLANS[current.plan].name} plan. Change the plan or seats below instead of starting a new subscription.` });
  }
  const customerId = await ensureCustomer(db, workspace, actor.userId);
  const { planPrice, overagePrice } = await pricesFor(db, input.plan, input.interval);
  const billingUrl = new URL(`/w/${workspace.slug}/billing`, env.APP_URL).toString();
  const { outcome } = await runIntent(db, {
    workspaceId: workspace.id,
    kind: "checkout",
    actorUserId: actor.userId,
    request: {
      kind: "checkout",
      customerId,
      plan: input.plan,
      interval: input.interval,
      seats: PLANS[input.plan].perSeat ? input.seats : 1,
      planPrice,
      overagePrice,
      successUrl: `${billingUrl}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${billingUrl}?checkout=canceled`,
    },
  });
  return { url: String(requireSucceeded(outcome).url) };
}
