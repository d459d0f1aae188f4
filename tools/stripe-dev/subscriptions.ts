/**
 * Subscriptions: items (one per price, `quantity` = seats; metered items carry none), periods
 * on the items as the current API shapes them, prorations on change, cancellation.
 */
import { changed, emit, type Ctx } from "./context";
import { invalidRequest, StripeError, unsupported } from "./errors";
import { bool, int, list, metadata, oneOf, str, type Params } from "./form";
import { issueInvoice, type LineDraft } from "./invoices";
import { addInterval, amountFor, isMetered, planOf } from "./pricing";
import { find, load, newId, save, strip, type Obj } from "./store";

export type ItemSpec = { id?: string; price: Obj; quantity: number | null; metadata?: Record<string, string>; created?: number };

export const periodOf = (sub: Obj) => ({ start: sub.items.data[0].current_period_start as number, end: sub.items.data[0].current_period_end as number });
export const licensed = (items: Obj[]) => items.filter((i) => !isMetered(i.price));

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

function checkIntervals(prices: Obj[]) {
  const keys = new Set(prices.map((p) => `${p.recurring?.interval}/${p.recurring?.interval_count}`));
  if (prices.some((p) => p.type !== "recurring")) throw invalidRequest("All prices on a subscription must be recurring.", "items");
  if (keys.size > 1) throw invalidRequest("Currently all prices on a subscription must have the same `recurring.interval` and `recurring.interval_count`.", "items");
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

async function productName(ctx: Ctx, price: Obj): Promise<string> {
  const product = await find(ctx.db, price.product);
  return product?.name ?? price.product;
}

/** Licensed items billed in advance for a period (or free, during a trial). */
export async function periodLines(ctx: Ctx, sub: Obj, items: Obj[], period: { start: number; end: number }, trial = false): Promise<LineDraft[]> {
  const lines: LineDraft[] = [];
  for (const item of items) {
    const name = await productName(ctx, item.price);
    lines.push({
      amount: trial ? 0 : amountFor(item.price, item.quantity ?? 1),
      description: trial ? `Trial period for ${name}` : `${item.quantity ?? 1} × ${name} (at ${money(item.price)} / ${item.price.recurring.interval})`,
      price: item.price,
      quantity: item.quantity ?? 1,
      period,
      proration: false,
      subscription: sub.id,
      subscriptionItem: item.id,
    });
  }
  return lines;
}

const money = (price: Obj) => `$${(amountFor(price, 1) / 100).toFixed(2)}`;
const day = (t: number) => new Date(t * 1000).toLocaleDateString("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" });

export type Change = { items: ItemSpec[]; prorations: LineDraft[]; resetsCycle: boolean; at: number };

/**
 * What `items[...]` would do to a subscription: the new item list and the proration lines for
 * the rest of the current period (unused time credited, remaining time charged). Shared by
 * `subscriptions.update` and `invoices.createPreview`, so a preview is what an update bills.
 */
export async function planChange(ctx: Ctx, sub: Obj, rawItems: Params[], opts: { prorationBehavior: string; prorationDate?: number; now: number }): Promise<Change> {
  const current: Obj[] = sub.items.data;
  const next: ItemSpec[] = current.map((i) => ({ id: i.id, price: i.price, quantity: i.quantity ?? null, metadata: i.metadata, created: i.created }));
  for (const [n, raw] of rawItems.entries()) {
    const param = `items[${n}]`;
    const id = str(raw, "id");
    const at = id ? next.findIndex((s) => s.id === id) : -1;
    if (id && at === -1) throw invalidRequest(`Invalid subscription_item id: ${id}`, `${param}[id]`);
    if (bool(raw, "deleted")) {
      if (at === -1) throw invalidRequest("To delete an item, pass its id.", `${param}[deleted]`);
      next.splice(at, 1);
      continue;
    }
    const priceId = str(raw, "price");
    const price = priceId ? await load(ctx.db, "price", priceId, `${param}[price]`) : at >= 0 ? next[at]!.price : null;
    if (!price) throw invalidRequest(`Missing required param: ${param}[price].`, `${param}[price]`);
    const quantity = int(raw, "quantity", { min: 0 });
    if (isMetered(price) && quantity !== undefined) throw invalidRequest("Quantity should not be specified where usage_type is `metered`.", `${param}[quantity]`);
    const spec: ItemSpec = at >= 0 ? { ...next[at]!, price } : { price, quantity: null };
    spec.quantity = isMetered(price) ? null : (quantity ?? (at >= 0 && !isMetered(next[at]!.price) ? next[at]!.quantity : 1));
    if (raw.metadata !== undefined) spec.metadata = metadata(raw, spec.metadata);
    if (at >= 0) next[at] = spec;
    else next.push(spec);
  }
  if (next.length === 0) throw invalidRequest("A subscription needs at least one item; cancel it instead.", "items");
  checkIntervals(next.map((s) => s.price));
  const old = current[0]!.price.recurring;
  const now = opts.now;
  const resetsCycle = old.interval !== next[0]!.price.recurring.interval || old.interval_count !== next[0]!.price.recurring.interval_count;
  const at = opts.prorationDate ?? now;
  const period = periodOf(sub);
  const prorations: LineDraft[] = [];
  const behaviour = resetsCycle ? "always_invoice" : opts.prorationBehavior;
  if (behaviour !== "none" && sub.status !== "trialing") {
    const span = period.end - period.start;
    const fraction = Math.max(0, Math.min(1, (period.end - at) / span));
    for (const item of licensed(current)) {
      const after = next.find((s) => s.id === item.id);
      if (after && after.price.id === item.price.id && after.quantity === item.quantity) continue;
      const name = await productName(ctx, item.price);
      prorations.push({ amount: -Math.round(amountFor(item.price, item.quantity) * fraction), description: `Unused time on ${item.quantity} × ${name} after ${day(at)}`, price: item.price, quantity: item.quantity, period: { start: at, end: period.end }, proration: true, subscription: sub.id, subscriptionItem: item.id });
    }
    for (const spec of next.filter((s) => !isMetered(s.price))) {
      const before = current.find((i) => i.id === spec.id);
      if (before && before.price.id === spec.price.id && before.quantity === spec.quantity) continue;
      if (resetsCycle) continue;
      const name = await productName(ctx, spec.price);
      prorations.push({ amount: Math.round(amountFor(spec.price, spec.quantity ?? 1) * fraction), description: `Remaining time on ${spec.quantity} × ${name} after ${day(at)}`, price: spec.price, quantity: spec.quantity, period: { start: at, end: period.end }, proration: true, subscription: sub.id, subscriptionItem: spec.id ?? null });
    }
  }
  return { items: next, prorations, resetsCycle, at };
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

export function requireActive(sub: Obj) {
  if (sub.status === "canceled") throw new StripeError(400, "invalid_request_error", `This subscription is canceled: ${sub.id}`, { param: "subscription", code: "resource_missing" });
}
