/**
 * Subscriptions: items (one per price, `quantity` = seats; metered items carry none), periods
 * on the items as the current API shapes them, prorations on change, cancellation.
 */
import { changed, emit, type Ctx } from "./context";
import { invalidRequest, StripeError, unsupported } from "./errors";
import { bool, int, list, metadata, oneOf, str, type Params } from "./form";
import type { LineDraft } from "./invoice-object";
import { issueInvoice } from "./invoices";
import { addInterval, isMetered, planOf } from "./pricing";
import { checkIntervals, licensed, periodLines, periodOf, planChange, type Change, type ItemSpec } from "./prorations";
import { find, load, newId, save, strip, type Obj } from "./store";

function itemObject(subId: string, spec: ItemSpec, period: { start: number; end: number }, created: number): Obj {
  const metered = isMetered(spec.price);
  return {
    id: spec.id ?? newId("si"),
    object: "subscription_item",
    billing_thresholds: null,
    created: spec.created ?? created,
    current_period_end: period.end,
    current_period_start: period.start,
    discounts: [],
    metadata: spec.metadata ?? {},
    plan: planOf(spec.price),
    price: strip(spec.price),
    ...(metered ? {} : { quantity: spec.quantity ?? 1 }),
    subscription: subId,
    tax_rates: [],
  };
}

/** Item specs from `items[i][price|quantity]` (checkout line items and subscriptions.create alike). */
export async function specsFrom(ctx: Ctx, raw: Params[], param: string): Promise<ItemSpec[]> {
  if (raw.length === 0) throw invalidRequest(`Missing required param: ${param}.`, param);
  const specs: ItemSpec[] = [];
  for (const [i, item] of raw.entries()) {
    const priceId = str(item, "price", { required: true });
    const price = await load(ctx.db, "price", priceId!, `${param}[${i}][price]`);
    if (!price.active) throw invalidRequest(`The price specified is inactive. This field only accepts active prices.`, `${param}[${i}][price]`);
    const quantity = int(item, "quantity", { min: isMetered(price) ? 0 : 1 }) ?? null;
    if (isMetered(price) && quantity !== null) throw invalidRequest(`Quantity should not be specified where usage_type is \`metered\`. Remove quantity from ${param}[${i}].`, `${param}[${i}][quantity]`);
    specs.push({ price, quantity: isMetered(price) ? null : (quantity ?? 1), metadata: metadata(item) });
  }
  return specs;
}

export async function createSubscription(
  ctx: Ctx,
  opts: { customer: Obj; items: ItemSpec[]; metadata: Record<string, string>; defaultPaymentMethod: string | null; trialDays: number | null; now: number; firstCharge: boolean; description?: string | null },
): Promise<{ subscription: Obj; invoice: Obj; error: StripeError | null }> {
  checkIntervals(opts.items.map((s) => s.price));
  const id = newId("sub");
  const recurring = opts.items[0]!.price.recurring;
  const trialEnd = opts.trialDays ? opts.now + opts.trialDays * 86_400 : null;
  const period = { start: opts.now, end: trialEnd ?? addInterval(opts.now, recurring) };
  const sub: Obj = {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: period.end > opts.now && trialEnd ? trialEnd : opts.now,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: "classic" },
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: "charge_automatically",
    created: opts.now,
    currency: "usd",
    customer: opts.customer.id,
    customer_account: null,
    days_until_due: null,
    default_payment_method: opts.defaultPaymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: opts.description ?? null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, issuer: { type: "self" } },
    items: { object: "list", data: opts.items.map((s) => itemObject(id, s, period, opts.now)), has_more: false, total_count: opts.items.length, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    metadata: opts.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: "off" },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: opts.now,
    status: trialEnd ? "trialing" : "incomplete",
    test_clock: opts.customer.test_clock ?? null,
    transfer_data: null,
    trial_end: trialEnd,
    trial_settings: { end_behavior: { missing_payment_method: "create_invoice" } },
    trial_start: trialEnd ? opts.now : null,
  };
  await save(ctx.db, sub);
  await emit(ctx, "customer.subscription.created", sub, undefined, opts.now);
  const lines = await periodLines(ctx, sub, licensed(sub.items.data), period, trialEnd !== null);
  const { invoice, error } = await issueInvoice(ctx, { customer: opts.customer, subscription: sub, lines, billingReason: "subscription_create", now: opts.now, periodStart: opts.now, periodEnd: opts.now, firstCharge: opts.firstCharge });
  return { subscription: (await find(ctx.db, id))!, invoice, error };
}

/** `subscriptions.update`: items, prorations, cancel at period end, metadata, default card. */
export async function updateSubscription(ctx: Ctx, sub: Obj, p: Params, now: number): Promise<Obj> {
  if (sub.status === "canceled") throw invalidRequest("A canceled subscription can only update its cancellation_details and metadata.", "status");
  if (p.cancel_at !== undefined && p.cancel_at !== "") throw unsupported("cancel_at (use cancel_at_period_end)", "cancel_at");
  if (p.pause_collection !== undefined) throw unsupported("pause_collection", "pause_collection");
  const prorationBehavior = oneOf(p, "proration_behavior", ["create_prorations", "none", "always_invoice"] as const) ?? "create_prorations";
  const paymentBehavior = oneOf(p, "payment_behavior", ["allow_incomplete", "error_if_incomplete", "pending_if_incomplete", "default_incomplete"] as const) ?? "allow_incomplete";
  if (paymentBehavior === "pending_if_incomplete" || paymentBehavior === "default_incomplete") throw unsupported(`payment_behavior=${paymentBehavior}`, "payment_behavior");
  const before = structuredClone(sub);
  const rawItems = list(p, "items");
  let change: Change | null = null;
  if (rawItems.length) {
    change = await planChange(ctx, sub, rawItems, { prorationBehavior, prorationDate: int(p, "proration_date"), now });
    const period = change.resetsCycle ? { start: now, end: addInterval(now, change.items[0]!.price.recurring) } : periodOf(sub);
    sub.items = { ...sub.items, data: change.items.map((s) => itemObject(sub.id, s, period, now)), total_count: change.items.length };
    if (change.resetsCycle) sub.billing_cycle_anchor = now;
    for (const line of change.prorations) if (!line.subscriptionItem) line.subscriptionItem = sub.items.data.find((i: Obj) => i.price.id === line.price.id)?.id ?? null;
  }
  const cancelAtPeriodEnd = bool(p, "cancel_at_period_end");
  if (cancelAtPeriodEnd !== undefined && cancelAtPeriodEnd !== sub.cancel_at_period_end) {
    sub.cancel_at_period_end = cancelAtPeriodEnd;
    sub.cancel_at = cancelAtPeriodEnd ? periodOf(sub).end : null;
    sub.canceled_at = cancelAtPeriodEnd ? now : null;
    sub.cancellation_details = { comment: null, feedback: null, reason: cancelAtPeriodEnd ? "cancellation_requested" : null };
  }
  if (p.cancellation_details !== undefined) {
    const details = p.cancellation_details as Params;
    sub.cancellation_details = { ...sub.cancellation_details, comment: str(details, "comment") ?? null, feedback: str(details, "feedback") ?? null };
  }
  sub.metadata = metadata(p, sub.metadata);
  const pm = str(p, "default_payment_method");
  if (pm) {
    const method = await load(ctx.db, "payment_method", pm, "default_payment_method");
    if (method.customer !== sub.customer) throw invalidRequest("The payment method must be attached to the subscription's customer.", "default_payment_method");
    sub.default_payment_method = pm;
  }
  if (p.description !== undefined) sub.description = str(p, "description") ?? null;
  await save(ctx.db, sub);
  if (change?.prorations.length) {
    const customer = await load(ctx.db, "customer", sub.customer);
    if (change.resetsCycle || prorationBehavior === "always_invoice") {
      const period = periodOf(sub);
      const lines = [...change.prorations, ...(change.resetsCycle ? await periodLines(ctx, sub, licensed(sub.items.data), period) : [])];
      const { error } = await issueInvoice(ctx, { customer, subscription: sub, lines, billingReason: "subscription_update", now, periodStart: now, periodEnd: now });
      if (error && paymentBehavior === "error_if_incomplete") throw error;
    } else {
      for (const line of change.prorations) await save(ctx.db, invoiceItem(customer, sub, line, now));
    }
  }
  const after = (await find(ctx.db, sub.id))!;
  await emit(ctx, "customer.subscription.updated", after, changed(before, after), now);
  return after;
}

function invoiceItem(customer: Obj, sub: Obj, line: LineDraft, now: number): Obj {
  return {
    id: newId("ii"),
    object: "invoiceitem",
    amount: line.amount,
    currency: "usd",
    customer: customer.id,
    date: now,
    description: line.description,
    discountable: false,
    discounts: [],
    invoice: null,
    livemode: false,
    metadata: {},
    net_amount: line.amount,
    parent: { type: "subscription_details", subscription_details: { subscription: sub.id, subscription_item: line.subscriptionItem } },
    period: line.period,
    pricing: { type: "price_details", price_details: { price: line.price.id, product: line.price.product }, unit_amount_decimal: null },
    proration: true,
    quantity: line.quantity ?? 1,
    test_clock: customer.test_clock ?? null,
    _price: line.price,
    _subscription_item: line.subscriptionItem,
  };
}

/** Ends a subscription now (`subscriptions.cancel`, or at period end when it was asked to). */
export async function endSubscription(ctx: Ctx, sub: Obj, now: number, reason: string): Promise<Obj> {
  if (sub.status === "canceled") return sub;
  const before = structuredClone(sub);
  Object.assign(sub, {
    status: "canceled",
    ended_at: now,
    canceled_at: sub.canceled_at ?? now,
    cancel_at: sub.cancel_at,
    cancellation_details: { ...sub.cancellation_details, reason: sub.cancellation_details?.reason ?? reason },
  });
  await save(ctx.db, sub);
  await emit(ctx, "customer.subscription.deleted", sub, changed(before, sub), now);
  return sub;
}
