import "server-only";
import type Stripe from "stripe";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { gateway, webhookSecret } from "./gateway";
import { insertWebhookEvent } from "./webhook-queries";

/**
 * The webhook's synchronous part, kept to one insert so the gateway gets its 2xx fast: verify
 * the signature over the raw body (bad or older than 5 minutes → 400, nothing stored), then
 * record the event once (primary key = event id). Processing happens after, in the background.
 */
export async function ingestStripeWebhook(input: { rawBody: string | Buffer; signature: string | null }, db: DbOrTx): Promise<{ eventId: string; type: string; duplicate: boolean }> {
  if (!input.signature) throw new AppError("BAD_REQUEST", { userMessage: "Missing Stripe-Signature header." });
  const stripe = gateway();
  const secret = webhookSecret();
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(input.rawBody, input.signature, secret);
  } catch {
    throw new AppError("BAD_REQUEST", { userMessage: "Webhook signature verification failed." });
  }
  const object = event.data.object as { id?: string; object?: string; customer?: string | { id: string } | null };
  const customer = object.object === "customer" ? object.id : typeof object.customer === "string" ? object.customer : (object.customer?.id ?? null);
  const inserted = await insertWebhookEvent(db, {
    id: event.id,
    type: event.type,
    eventCreatedAt: new Date(event.created * 1000),
    livemode: event.livemode,
    stripeCustomerId: customer ?? null,
    payload: event as unknown as Record<string, unknown>,
  });
  return { eventId: event.id, type: event.type, duplicate: !inserted };
}
