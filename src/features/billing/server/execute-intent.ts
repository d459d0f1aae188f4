import "server-only";
import { API_METER_EVENT } from "@/lib/plans";
import type { Db } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { classifyGatewayError, gateway } from "./gateway";
import { deferIntentRow, settleIntentRow, type IntentRow } from "./intent-queries";
import { recordCreditGrantResult } from "./credit-queries";
import { syncWorkspaceBilling } from "./sync-workspace-billing";

export type IntentOutcome =
  | { status: "succeeded"; result: Record<string, unknown> }
  | { status: "failed"; message: string }
  | { status: "pending"; message: string };

/** Past this the gateway forgets the Idempotency-Key (24 h at Stripe): stop repeating the call. */
const GIVE_UP_AFTER_MS = 20 * 60 * 60 * 1000;

/**
 * Makes (or repeats) an intent's gateway call with the intent id as the Idempotency-Key, then
 * settles the row: a repeat after a crash gets the original answer back, so nothing is charged
 * twice. The request and the reconciler both call this; settling is first-wins.
 */
export async function executeIntent(db: Db, intent: IntentRow, now = new Date()): Promise<IntentOutcome> {
  let result: Record<string, unknown>;
  try {
    result = await callGateway(intent);
  } catch (error) {
    const failure = classifyGatewayError(error);
    if (!failure) throw error;
    if (failure.kind === "unavailable" && now.getTime() - intent.createdAt.getTime() < GIVE_UP_AFTER_MS) {
      logger.warn({ intentId: intent.id, kind: intent.kind, err: failure.message }, "billing intent deferred: gateway unavailable");
      await deferIntentRow(db, intent.id, failure.message, now);
      return { status: "pending", message: failure.message };
    }
    await settleIntentRow(db, intent.id, { status: "failed", error: failure.message });
    return { status: "failed", message: failure.message };
  }
  await settleIntentRow(db, intent.id, { status: "succeeded", result });
  if (intent.request.kind === "credit_grant") await recordCreditGrantResult(db, intent.request.grantId, String(result.balanceTransactionId));
  if (["change_subscription", "cancel", "resume"].includes(intent.request.kind)) await syncWorkspaceBilling(db, intent.workspaceId);
  return { status: "succeeded", result };
}

async function callGateway(intent: IntentRow): Promise<Record<string, unknown>> {
  const stripe = gateway();
  const idempotencyKey = intent.id;
  const req = intent.request;
  switch (req.kind) {
    case "checkout": {
      const session = await stripe.checkout.sessions.create(
        {
          mode: "subscription",
          customer: req.customerId,
          client_reference_id: intent.workspaceId,
          line_items: [{ price: req.planPrice, quantity: req.seats }, { price: req.overagePrice }],
          subscription_data: { metadata: { workspaceId: intent.workspaceId, intentId: intent.id } },
          metadata: { workspaceId: intent.workspaceId, intentId: intent.id },
          success_url: req.successUrl,
          cancel_url: req.cancelUrl,
        },
        { idempotencyKey },
      );
      return { sessionId: session.id, url: session.url };
    }
    case "change_subscription": {
      const sub = await stripe.subscriptions.update(
        req.subscriptionId,
        {
          items: req.items,
          proration_behavior: "always_invoice",
          proration_date: req.prorationDate,
          // A declined proration payment fails the update instead of leaving it half-applied.
          payment_behavior: "error_if_incomplete",
          metadata: { lastIntentId: intent.id },
        },
        { idempotencyKey },
      );
      return { subscriptionId: sub.id, status: sub.status };
    }
    case "cancel":
    case "resume": {
      const sub = await stripe.subscriptions.update(req.subscriptionId, { cancel_at_period_end: req.kind === "cancel" }, { idempotencyKey });
      return { subscriptionId: sub.id, cancelAtPeriodEnd: sub.cancel_at_period_end };
    }
    case "credit_grant": {
      const txn = await stripe.customers.createBalanceTransaction(
        req.customerId,
        { amount: -req.amountCents, currency: "usd", description: req.reason, metadata: { intentId: intent.id } },
        { idempotencyKey },
      );
      return { balanceTransactionId: txn.id };
    }
    case "usage_report": {
      const event = await stripe.billing.meterEvents.create(
        { event_name: API_METER_EVENT, identifier: intent.id, timestamp: req.timestamp, payload: { stripe_customer_id: req.customerId, value: String(req.value) } },
        { idempotencyKey },
      );
      return { identifier: event.identifier, value: req.value };
    }
  }
}
