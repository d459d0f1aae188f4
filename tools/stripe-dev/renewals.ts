/**
 * Test clocks move their customers through time: `invoice.upcoming` three days ahead, renewals at
 * each period end (usage in arrears, licensed items in advance, pending prorations), trial ends,
 * cancellation at period end, and payment retries on the RETRY_DAYS schedule — after the last
 * failed retry the subscription is canceled (Stripe's default).
 */
import { changed, emit, type Ctx } from "./context";
import { invoiceObject } from "./invoice-object";
import { issueInvoice, itemToLine, payInvoice, pendingItems } from "./invoices";
import { addInterval } from "./pricing";
import { all, find, save, type Obj } from "./store";
import { licensed, periodLines, periodOf } from "./prorations";
import { endSubscription } from "./subscriptions";
import { usageLines } from "./usage";

const DAY = 86_400;
const UPCOMING_DAYS = 3;

type Due = { at: number; run: () => Promise<void> };

export async function advanceClock(ctx: Ctx, clock: Obj, target: number): Promise<void> {
  const customers = (await all(ctx.db, "customer")).filter((c) => c.test_clock === clock.id);
  for (let guard = 0; guard < 10_000; guard++) {
    const due = await nextDue(ctx, customers, target);
    if (!due) break;
    clock.frozen_time = Math.max(clock.frozen_time, due.at);
    await save(ctx.db, clock);
    await due.run();
  }
  clock.frozen_time = target;
  clock.status = "ready";
  await save(ctx.db, clock);
}

async function nextDue(ctx: Ctx, customers: Obj[], target: number): Promise<Due | null> {
  const due: Due[] = [];
  for (const customer of customers) {
    for (const sub of await all(ctx.db, "subscription", { customer: customer.id })) {
      if (sub.status === "canceled" || sub.status === "incomplete_expired") continue;
      const { start, end } = periodOf(sub);
      if (sub.status === "trialing" && !sub._trial_will_end_sent && sub.trial_end - UPCOMING_DAYS * DAY > start) {
        due.push({ at: sub.trial_end - UPCOMING_DAYS * DAY, run: () => trialWillEnd(ctx, sub) });
      }
      if (!sub.cancel_at_period_end && sub._upcoming_for !== end && end - UPCOMING_DAYS * DAY > start) {
        due.push({ at: end - UPCOMING_DAYS * DAY, run: () => upcoming(ctx, customer, sub, end - UPCOMING_DAYS * DAY) });
      }
      due.push({ at: end, run: () => periodEnd(ctx, customer, sub, end) });
    }
    for (const invoice of await all(ctx.db, "invoice", { customer: customer.id })) {
      if (invoice.status === "open" && invoice.next_payment_attempt) due.push({ at: invoice.next_payment_attempt, run: () => retry(ctx, invoice, invoice.next_payment_attempt) });
    }
  }
  const ready = due.filter((d) => d.at <= target).sort((a, b) => a.at - b.at);
  return ready[0] ?? null;
}

async function trialWillEnd(ctx: Ctx, sub: Obj) {
  sub._trial_will_end_sent = true;
  await save(ctx.db, sub);
  await emit(ctx, "customer.subscription.trial_will_end", sub, undefined, sub.trial_end - UPCOMING_DAYS * DAY);
}

async function upcoming(ctx: Ctx, customer: Obj, sub: Obj, at: number) {
  const { start, end } = periodOf(sub);
  sub._upcoming_for = end;
  await save(ctx.db, sub);
  const next = { start: end, end: addInterval(end, sub.items.data[0].price.recurring) };
  const lines = [...(await pendingItems(ctx, sub.id)).map(itemToLine), ...(await usageLines(ctx, sub, start, end)), ...(await periodLines(ctx, sub, licensed(sub.items.data), next))];
  const preview = invoiceObject({ id: null, customer, subscription: sub, lines, billingReason: "upcoming", now: at, periodStart: start, periodEnd: end, baseUrl: ctx.baseUrl });
  delete preview.id;
  preview.next_payment_attempt = end;
  await emit(ctx, "invoice.upcoming", preview, undefined, at);
}

async function periodEnd(ctx: Ctx, customer: Obj, sub: Obj, at: number) {
  const { start, end } = periodOf(sub);
  if (sub.cancel_at_period_end) {
    const usage = (await usageLines(ctx, sub, start, end)).filter((l) => l.amount !== 0);
    const pending = await pendingItems(ctx, sub.id);
    if (usage.length || pending.length) await issueInvoice(ctx, { customer, subscription: sub, lines: usage, billingReason: "subscription_cycle", now: at, periodStart: start, periodEnd: end });
    await endSubscription(ctx, (await find(ctx.db, sub.id))!, at, "cancellation_requested");
    return;
  }
  const before = structuredClone(sub);
  const next = { start: end, end: addInterval(end, sub.items.data[0].price.recurring) };
  const usage = sub.status === "trialing" ? [] : await usageLines(ctx, sub, start, end);
  sub.items = { ...sub.items, data: sub.items.data.map((i: Obj) => ({ ...i, current_period_start: next.start, current_period_end: next.end })) };
  if (sub.status === "trialing") sub.status = "active";
  await save(ctx.db, sub);
  await emit(ctx, "customer.subscription.updated", sub, changed(before, sub), at);
  const lines = [...usage, ...(await periodLines(ctx, sub, licensed(sub.items.data), next))];
  await issueInvoice(ctx, { customer, subscription: sub, lines, billingReason: "subscription_cycle", now: at, periodStart: start, periodEnd: end });
}

async function retry(ctx: Ctx, invoice: Obj, at: number) {
  await payInvoice(ctx, invoice, { now: at });
  const after = (await find(ctx.db, invoice.id))!;
  if (after.status === "open" && after.next_payment_attempt === null) {
    const subId = after.parent?.subscription_details?.subscription;
    const sub = subId ? await find(ctx.db, subId) : null;
    if (sub) await endSubscription(ctx, sub, at, "payment_failed");
  }
}
