import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { received, subscribeOnClock, until, catalogForFile, harnessForFile } from "./harness";

const h = harnessForFile();
const c = catalogForFile(h);

const DAY = 86_400;

describe("stripe-dev: subscriptions, prorations, previews, meters", () => {
  it("adds seats with create_prorations: the preview shows the proration, the update queues it for the next invoice", async () => {
    const { clock, subscription, start } = await subscribeOnClock(h, [c.teamMonthly.id, c.teamOverage.id], undefined, 2);
    const seat = subscription.items.data.find((i) => i.price.id === c.teamMonthly.id)!;
    const end = seat.current_period_end;
    // Half way through January (31 days): 15.5 days left.
    const mid = start + Math.round((end - start) / 2);
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: mid });

    const preview = await h.stripe.invoices.createPreview({
      customer: subscription.customer as string,
      subscription: subscription.id,
      subscription_details: { items: [{ id: seat.id, quantity: 5 }], proration_behavior: "create_prorations", proration_date: mid },
    });
    const prorations = preview.lines.data.filter((l) => l.parent?.subscription_item_details?.proration);
    expect(prorations.map((l) => l.amount)).toEqual([-1500, 3750]);
    expect(prorations[0]!.description).toMatch(/^Unused time on 2 × Team after/);
    expect(prorations[1]!.description).toMatch(/^Remaining time on 5 × Team after/);
    const next = preview.lines.data.find((l) => !l.parent?.subscription_item_details?.proration && l.amount === 7500);
    expect(next?.period).toEqual({ start: end, end: expect.any(Number) });
    expect(preview.total).toBe(-1500 + 3750 + 7500);

    const updated = await h.stripe.subscriptions.update(subscription.id, { items: [{ id: seat.id, quantity: 5 }], proration_behavior: "create_prorations", proration_date: mid });
    expect(updated.items.data.find((i) => i.id === seat.id)!.quantity).toBe(5);
    const again = await h.stripe.invoices.createPreview({ subscription: subscription.id });
    expect(again.total).toBe(preview.total);
    await until(() => received(h, "customer.subscription.updated").some((r) => (r.event.data.previous_attributes as Partial<Stripe.Subscription> | undefined)?.items?.data?.[0]?.quantity === 2));
  });

  it("changes plan with always_invoice: prorations are invoiced and charged at once", async () => {
    const { clock, subscription, start } = await subscribeOnClock(h, [c.proMonthly.id, c.proOverage.id]);
    const item = subscription.items.data.find((i) => i.price.id === c.proMonthly.id)!;
    const metered = subscription.items.data.find((i) => i.price.id === c.proOverage.id)!;
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: start + 10 * DAY });
    const updated = await h.stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: c.teamMonthly.id, quantity: 3 }, { id: metered.id, price: c.teamOverage.id }],
      proration_behavior: "always_invoice",
      expand: ["latest_invoice"],
    });
    const invoice = updated.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ billing_reason: "subscription_update", status: "paid" });
    const fraction = (item.current_period_end - (start + 10 * DAY)) / (item.current_period_end - item.current_period_start);
    expect(invoice.amount_paid).toBe(Math.round(4500 * fraction) - Math.round(2000 * fraction));
    expect(updated.items.data.map((i) => i.price.lookup_key).sort()).toEqual(["team_monthly", "team_overage"]);
  });

  it("moving to a yearly price starts a new yearly period and charges it now, crediting unused time", async () => {
    const { subscription } = await subscribeOnClock(h, [c.proMonthly.id]);
    const item = subscription.items.data[0]!;
    const updated = await h.stripe.subscriptions.update(subscription.id, { items: [{ id: item.id, price: c.proYearly.id }], expand: ["latest_invoice"] });
    expect(updated.items.data[0]!.current_period_end - updated.items.data[0]!.current_period_start).toBe(365 * DAY);
    expect((updated.latest_invoice as Stripe.Invoice).amount_paid).toBe(20000 - 2000);
    await expect(h.stripe.subscriptions.update(subscription.id, { items: [{ price: c.proOverage.id }] })).rejects.toMatchObject({ param: "items", message: expect.stringMatching(/same `recurring.interval`/) });
  });

  it("bills metered usage from meter events, counting a repeated identifier once", async () => {
    const { subscription, customer, start } = await subscribeOnClock(h, [c.proMonthly.id, c.proOverage.id]);
    const event = { event_name: c.meter.event_name, payload: { stripe_customer_id: customer.id, value: "12000" }, identifier: "usage-ws1-2026-01-01", timestamp: start + 3600 };
    const first = await h.stripe.billing.meterEvents.create(event);
    const repeat = await h.stripe.billing.meterEvents.create(event);
    expect(repeat).toMatchObject({ identifier: first.identifier, timestamp: first.timestamp, payload: { value: "12000" } });
    await h.stripe.billing.meterEvents.create({ ...event, identifier: "usage-ws1-2026-01-02", payload: { stripe_customer_id: customer.id, value: "3000" } });
    const [summary] = (await h.stripe.billing.meters.listEventSummaries(c.meter.id, { customer: customer.id, start_time: start, end_time: start + 31 * DAY })).data;
    expect(summary!.aggregated_value).toBe(15000);
    const preview = await h.stripe.invoices.createPreview({ subscription: subscription.id });
    const usage = preview.lines.data.find((l) => l.pricing?.price_details?.price === c.proOverage.id)!;
    // 15,000 requests: the first 10,000 included, 5,000 at $0.50 per 1,000.
    expect(usage).toMatchObject({ quantity: 15000, amount: 250 });
    await expect(h.stripe.billing.meterEvents.create({ event_name: "no_such_meter", payload: { stripe_customer_id: customer.id, value: "1" } })).rejects.toMatchObject({ param: "event_name" });
    await expect(h.stripe.billing.meterEvents.create({ event_name: c.meter.event_name, payload: { stripe_customer_id: customer.id, value: "lots" } })).rejects.toMatchObject({ param: "payload[value]" });
  });

  it("applies customer credit: a balance transaction lowers the next invoice, a downgrade's negative proration becomes credit", async () => {
    const { clock, subscription, customer } = await subscribeOnClock(h, [c.teamMonthly.id], undefined, 4);
    const grant = await h.stripe.customers.createBalanceTransaction(customer.id, { amount: -1000, currency: "usd", description: "Support credit" }, { idempotencyKey: "credit-1" });
    expect(grant).toMatchObject({ object: "customer_balance_transaction", amount: -1000, ending_balance: -1000, type: "adjustment" });
    expect(((await h.stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(-1000);
    const preview = await h.stripe.invoices.createPreview({ subscription: subscription.id });
    expect(preview).toMatchObject({ total: 6000, starting_balance: -1000, amount_due: 5000 });

    const seat = subscription.items.data[0]!;
    await h.stripe.subscriptions.update(subscription.id, { items: [{ id: seat.id, quantity: 1 }], proration_behavior: "always_invoice" });
    // 4 → 1 seats at the start of the period: −$45.00 of unused time, kept as credit.
    expect(((await h.stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance).toBe(-1000 - 4500);
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: seat.current_period_end + 60 });
    const renewal = (await h.stripe.invoices.list({ subscription: subscription.id, limit: 1 })).data[0]!;
    expect(renewal).toMatchObject({ billing_reason: "subscription_cycle", total: 1500, amount_due: 0, starting_balance: -5500, ending_balance: -4000, status: "paid" });
    expect((await h.stripe.customers.listBalanceTransactions(customer.id)).data.map((t) => t.type)).toEqual(["applied_to_invoice", "applied_to_invoice", "adjustment"]);
  });

  it("cancels at period end and resumes, then cancels immediately", async () => {
    const { subscription } = await subscribeOnClock(h, [c.proMonthly.id]);
    const ending = await h.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(ending).toMatchObject({ cancel_at_period_end: true, cancel_at: ending.items.data[0]!.current_period_end, status: "active" });
    const resumed = await h.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: false });
    expect(resumed).toMatchObject({ cancel_at_period_end: false, cancel_at: null, canceled_at: null });
    const canceled = await h.stripe.subscriptions.cancel(subscription.id);
    expect(canceled).toMatchObject({ status: "canceled", ended_at: expect.any(Number) });
    await until(() => received(h, "customer.subscription.deleted").some((r) => (r.event.data.object as Stripe.Subscription).id === subscription.id));
    expect((await h.stripe.subscriptions.list({ customer: subscription.customer as string })).data).toEqual([]);
    expect((await h.stripe.subscriptions.list({ customer: subscription.customer as string, status: "all" })).data).toHaveLength(1);
  });
});
