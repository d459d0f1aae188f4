/** Cards on customers, and charging them: payment methods and payment intents. */
import { readCard } from "./cards";
import { changed, emit, nowFor, type Ctx } from "./context";
import { cardDeclined } from "./cards";
import { StripeError } from "./errors";
import { find, load, newId, save, type Obj } from "./store";

/** A card typed into a hosted page, attached to the customer (declines throw before anything is stored). */
export async function attachCard(ctx: Ctx, customer: Obj, input: { number: string; expiry: string; cvc: string; name?: string }, opts: { makeDefault: boolean }): Promise<Obj> {
  const card = readCard(input.number, input.expiry, input.cvc);
  const created = await nowFor(ctx, customer);
  const pm = await save(ctx.db, {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: { address: null, email: customer.email ?? null, name: input.name || customer.name || null, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
      country: "US",
      display_brand: card.brand,
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      fingerprint: newId("fp").slice(3, 19),
      funding: "credit",
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      wallet: null,
    },
    created,
    customer: customer.id,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
    _behaviour: card.behaviour,
  });
  await emit(ctx, "payment_method.attached", pm, undefined, created);
  if (opts.makeDefault) await setDefaultPaymentMethod(ctx, customer, pm.id);
  return pm;
}

export async function setDefaultPaymentMethod(ctx: Ctx, customer: Obj, pmId: string) {
  const before = structuredClone(customer);
  customer.invoice_settings = { ...customer.invoice_settings, default_payment_method: pmId };
  await save(ctx.db, customer);
  await emit(ctx, "customer.updated", customer, changed(before, customer), await nowFor(ctx, customer));
}

/** The card an invoice is charged to: the one given, the subscription's, else the customer's default. */
export async function paymentMethodFor(ctx: Ctx, invoice: Obj, explicit?: string): Promise<Obj | null> {
  if (explicit) return load(ctx.db, "payment_method", explicit, "payment_method");
  const sub = invoice.parent?.subscription_details?.subscription ? await find(ctx.db, invoice.parent.subscription_details.subscription) : null;
  const customer = await load(ctx.db, "customer", invoice.customer);
  const id = sub?.default_payment_method ?? customer.invoice_settings?.default_payment_method;
  return id ? find(ctx.db, id) : null;
}

/**
 * One charge attempt as a PaymentIntent. `firstCharge` is the checkout's own payment, which a
 * fails-on-charge card (0341) lets through so that its failure shows up at renewal.
 */
export async function charge(ctx: Ctx, opts: { customer: Obj; amount: number; pm: Obj | null; description: string; now: number; firstCharge?: boolean }): Promise<{ intent: Obj; error: StripeError | null }> {
  const error = !opts.pm
    ? new StripeError(402, "card_error", "This customer has no attached payment source or default payment method.", { code: "invoice_no_customer_payment_method" })
    : opts.pm._behaviour === "fails_on_charge" && !opts.firstCharge
      ? cardDeclined("generic_decline", undefined, opts.pm.id)
      : null;
  const intent = await save(ctx.db, {
    id: newId("pi"),
    object: "payment_intent",
    amount: opts.amount,
    amount_received: error ? 0 : opts.amount,
    capture_method: "automatic",
    created: opts.now,
    currency: "usd",
    customer: opts.customer.id,
    description: opts.description,
    last_payment_error: error ? { ...error.body().error, payment_method: opts.pm } : null,
    latest_charge: error ? null : newId("ch"),
    livemode: false,
    metadata: {},
    payment_method: opts.pm?.id ?? null,
    payment_method_types: ["card"],
    status: error ? "requires_payment_method" : "succeeded",
  });
  await emit(ctx, error ? "payment_intent.payment_failed" : "payment_intent.succeeded", intent, undefined, opts.now);
  return { intent, error };
}
