/**
 * Invoices: built from line drafts, finalized, and paid or failed. Paying one moves its
 * subscription as Stripe does: a failed subscription invoice makes it `past_due`, paying the
 * open invoice makes it `active` again; retries follow a fixed schedule (see RETRY_DAYS).
 */
import { changed, emit, nowFor, type Ctx } from "./context";
import type { StripeError } from "./errors";
import { charge, paymentMethodFor } from "./payments";
import { invoiceObject, type LineDraft } from "./invoice-object";
import { all, find, load, newId, save, type Obj } from "./store";

/** Days after the first failed attempt when Stripe's default schedule tries again; then it cancels. */
export const RETRY_DAYS = [3, 7, 14];

/**
 * Creates, finalizes and (for a positive amount) charges an invoice, consuming the customer's
 * pending invoice items for that subscription. Returns the invoice and any charge error.
 */
export async function issueInvoice(
  ctx: Ctx,
  opts: { customer: Obj; subscription: Obj | null; lines: LineDraft[]; billingReason: string; now: number; periodStart: number; periodEnd: number; firstCharge?: boolean; paymentMethod?: string },
): Promise<{ invoice: Obj; error: StripeError | null }> {
  const id = newId("in");
  const pending = opts.subscription ? await pendingItems(ctx, opts.subscription.id) : [];
  const lines = [...pending.map(itemToLine), ...opts.lines];
  const invoice = invoiceObject({ ...opts, id, lines, baseUrl: ctx.baseUrl });
  for (const item of pending) await save(ctx.db, { ...item, invoice: id });
  await save(ctx.db, invoice);
  await emit(ctx, "invoice.created", invoice, undefined, opts.now);
  const count = (await all(ctx.db, "invoice", { customer: opts.customer.id })).filter((i) => i.number).length;
  await settleBalance(ctx, opts.customer, invoice, opts.now);
  const before = structuredClone(invoice);
  Object.assign(invoice, {
    status: "open",
    number: `${opts.customer.id.slice(4, 12).toUpperCase()}-${String(count + 1).padStart(4, "0")}`,
    effective_at: opts.now,
    status_transitions: { ...invoice.status_transitions, finalized_at: opts.now },
  });
  await save(ctx.db, invoice);
  await emit(ctx, "invoice.finalized", invoice, changed(before, invoice), opts.now);
  if (opts.subscription) {
    opts.subscription.latest_invoice = id;
    await save(ctx.db, opts.subscription);
  }
  const error = await payInvoice(ctx, invoice, { now: opts.now, firstCharge: opts.firstCharge, paymentMethod: opts.paymentMethod });
  return { invoice, error };
}

/** Finalizing moves the applied balance off the customer (a balance transaction, customer.updated). */
async function settleBalance(ctx: Ctx, customer: Obj, invoice: Obj, now: number) {
  const fresh = await load(ctx.db, "customer", customer.id);
  const starting = fresh.balance ?? 0;
  const ending = Math.min(0, invoice.total + starting);
  Object.assign(invoice, { starting_balance: starting, ending_balance: ending, amount_due: Math.max(0, invoice.total + starting), amount_remaining: Math.max(0, invoice.total + starting) });
  if (ending === starting) return;
  await recordBalanceChange(ctx, fresh, ending - starting, { type: "applied_to_invoice", invoice: invoice.id, description: null, metadata: {} }, now);
}

/** A customer balance transaction and the customer's new balance (with its customer.updated event). */
export async function recordBalanceChange(ctx: Ctx, customer: Obj, amount: number, opts: { type: string; invoice: string | null; description: string | null; metadata: Record<string, string> }, now: number): Promise<Obj> {
  const before = structuredClone(customer);
  customer.balance = (customer.balance ?? 0) + amount;
  await save(ctx.db, customer);
  const txn = await save(ctx.db, {
    id: newId("cbtxn"),
    object: "customer_balance_transaction",
    amount,
    checkout_session: null,
    created: now,
    credit_note: null,
    currency: "usd",
    customer: customer.id,
    description: opts.description,
    ending_balance: customer.balance,
    invoice: opts.invoice,
    livemode: false,
    metadata: opts.metadata,
    type: opts.type,
  });
  await emit(ctx, "customer.updated", customer, changed(before, customer), now);
  return txn;
}

export async function pendingItems(ctx: Ctx, subscriptionId: string): Promise<Obj[]> {
  const sub = await load(ctx.db, "subscription", subscriptionId);
  return (await all(ctx.db, "invoiceitem", { customer: sub.customer })).filter((i) => i.invoice === null && i.parent?.subscription_details?.subscription === subscriptionId).reverse();
}

export function itemToLine(item: Obj): LineDraft {
  return {
    amount: item.amount,
    description: item.description,
    price: item._price,
    quantity: item.quantity,
    period: item.period,
    proration: item.proration,
    subscription: item.parent.subscription_details.subscription,
    subscriptionItem: item._subscription_item,
    invoiceItem: item.id,
  };
}

/**
 * One payment attempt on an open invoice. Success marks it paid (and a `past_due` subscription
 * active); failure counts the attempt, schedules the next one, and makes the subscription
 * `past_due`. Either way the outcome is stored; the error (if any) is returned to the caller.
 */
export async function payInvoice(ctx: Ctx, invoice: Obj, opts: { now?: number; firstCharge?: boolean; paymentMethod?: string } = {}): Promise<StripeError | null> {
  const customer = await load(ctx.db, "customer", invoice.customer);
  const now = opts.now ?? (await nowFor(ctx, customer));
  const before = structuredClone(invoice);
  if (invoice.amount_due <= 0) {
    markPaid(invoice, now, null);
    await save(ctx.db, invoice);
    await emitPaid(ctx, invoice, before, now);
    return null;
  }
  const pm = await paymentMethodFor(ctx, invoice, opts.paymentMethod);
  const { intent, error } = await charge(ctx, { customer, amount: invoice.amount_due, pm, description: `Invoice ${invoice.number}`, now, firstCharge: opts.firstCharge });
  invoice.attempt_count += 1;
  invoice.attempted = true;
  if (!error) {
    markPaid(invoice, now, intent.id);
    await save(ctx.db, invoice);
    await emitPaid(ctx, invoice, before, now);
    return null;
  }
  const retry = RETRY_DAYS[invoice.attempt_count - 1];
  invoice.next_payment_attempt = retry === undefined ? null : firstFailure(invoice, now) + retry * 86_400;
  invoice._first_failed_at ??= now;
  await save(ctx.db, invoice);
  await emit(ctx, "invoice.payment_failed", invoice, changed(before, invoice), now);
  await setSubscriptionStatus(ctx, invoice, "past_due", now);
  return error;
}

const firstFailure = (invoice: Obj, now: number) => (invoice._first_failed_at as number | undefined) ?? now;

function markPaid(invoice: Obj, now: number, intentId: string | null) {
  Object.assign(invoice, {
    status: "paid",
    amount_paid: invoice.amount_due,
    amount_remaining: 0,
    next_payment_attempt: null,
    status_transitions: { ...invoice.status_transitions, paid_at: now },
    payments: {
      ...invoice.payments,
      data: intentId
        ? [{ id: newId("inpay"), object: "invoice_payment", amount_paid: invoice.amount_due, amount_requested: invoice.amount_due, created: now, currency: "usd", invoice: invoice.id, is_default: true, livemode: false, payment: { type: "payment_intent", payment_intent: intentId }, status: "paid", status_transitions: { canceled_at: null, paid_at: now } }]
        : [],
      total_count: intentId ? 1 : 0,
    },
  });
}

async function emitPaid(ctx: Ctx, invoice: Obj, before: Obj, now: number) {
  await emit(ctx, "invoice.paid", invoice, changed(before, invoice), now);
  await emit(ctx, "invoice.payment_succeeded", invoice, changed(before, invoice), now);
  await setSubscriptionStatus(ctx, invoice, "active", now);
}

async function setSubscriptionStatus(ctx: Ctx, invoice: Obj, status: "active" | "past_due", now: number) {
  const subId = invoice.parent?.subscription_details?.subscription;
  const sub = subId ? await find(ctx.db, subId) : null;
  if (!sub || sub.status === "canceled" || sub.status === status) return;
  // A paid invoice activates a subscription waiting on payment, never a trialing one.
  if (status === "active" && !["past_due", "incomplete", "unpaid"].includes(sub.status)) return;
  // A first invoice that fails leaves the subscription `incomplete`, not `past_due`.
  if (status === "past_due" && sub.status === "incomplete") return;
  if (status === "active" && (await all(ctx.db, "invoice", { customer: sub.customer })).some((i) => i.status === "open" && i.parent?.subscription_details?.subscription === sub.id)) return;
  const before = structuredClone(sub);
  sub.status = status;
  await save(ctx.db, sub);
  await emit(ctx, "customer.subscription.updated", sub, changed(before, sub), now);
}
