import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { CARDS, received, submit, subscribeOnClock, until, catalogForFile, harnessForFile } from "./harness";

const h = harnessForFile();
const c = catalogForFile(h);

const DAY = 86_400;
const eventsFor = (type: string, id: string) => received(h, type).filter((r) => (r.event.data.object as { id?: string; parent?: Stripe.Invoice["parent"] }).id === id || (r.event.data.object as Stripe.Invoice).parent?.subscription_details?.subscription === id);

describe("stripe-dev: test clocks", () => {
  it("renews: usage in arrears and the next period in advance on one paid invoice, with invoice.upcoming first", async () => {
    const { clock, subscription, customer } = await subscribeOnClock(h, [c.proMonthly.id, c.proOverage.id]);
    const end = subscription.items.data[0]!.current_period_end;
    await h.stripe.billing.meterEvents.create({ event_name: c.meter.event_name, payload: { stripe_customer_id: customer.id, value: "14000" }, identifier: "renewal-usage" });
    const ready = await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: end + 3600 });
    expect(ready).toMatchObject({ status: "ready", frozen_time: end + 3600 });

    const renewed = await h.stripe.subscriptions.retrieve(subscription.id, { expand: ["latest_invoice"] });
    expect(renewed.status).toBe("active");
    expect(renewed.items.data[0]!.current_period_start).toBe(end);
    const invoice = renewed.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ billing_reason: "subscription_cycle", status: "paid", amount_paid: 2000 + 200, period_start: subscription.items.data[0]!.current_period_start, period_end: end });

    await until(() => eventsFor("invoice.paid", subscription.id).length === 2);
    const upcoming = received(h, "invoice.upcoming").find((r) => (r.event.data.object as Stripe.Invoice).parent?.subscription_details?.subscription === subscription.id);
    expect(upcoming?.event.created).toBe(end - 3 * DAY);
    expect((upcoming?.event.data.object as Stripe.Invoice).amount_due).toBe(2200);
  });

  it("fails a renewal on 4000 0000 0000 0341: past_due, invoice.payment_failed; a new card and invoices.pay recover it", async () => {
    const { clock, subscription, customer } = await subscribeOnClock(h, [c.proMonthly.id], CARDS.failsOnRenewal);
    expect(subscription.status).toBe("active");
    const end = subscription.items.data[0]!.current_period_end;
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: end + 60 });

    const lapsed = await h.stripe.subscriptions.retrieve(subscription.id, { expand: ["latest_invoice"] });
    expect(lapsed.status).toBe("past_due");
    const invoice = lapsed.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: "open", attempt_count: 1, next_payment_attempt: end + 3 * DAY });
    await until(() => eventsFor("invoice.payment_failed", subscription.id).length === 1);
    await until(() => received(h, "payment_intent.payment_failed").some((r) => (r.event.data.object as Stripe.PaymentIntent).last_payment_error?.code === "card_declined" && (r.event.data.object as Stripe.PaymentIntent).customer === customer.id));
    await until(() => received(h, "customer.subscription.updated").some((r) => (r.event.data.object as Stripe.Subscription).id === subscription.id && (r.event.data.previous_attributes as { status?: string })?.status === "active"));

    await expect(h.stripe.invoices.pay(invoice.id)).rejects.toMatchObject({ type: "StripeCardError", code: "card_declined", message: "Your card was declined." });
    expect((await h.stripe.invoices.retrieve(invoice.id)).attempt_count).toBe(2);

    const portal = await h.stripe.billingPortal.sessions.create({ customer: customer.id, return_url: "http://localhost:3000/billing" });
    const saved = await submit(`${portal.url}/payment-method`, { card_number: CARDS.ok, card_expiry: "12 / 34", card_cvc: "123" });
    expect(saved.redirect).toMatch(/notice=/);
    const paid = await h.stripe.invoices.pay(invoice.id);
    expect(paid.status).toBe("paid");
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).status).toBe("active");
  });

  it("retries on schedule and cancels the subscription after the last failed retry", async () => {
    const { clock, subscription } = await subscribeOnClock(h, [c.proMonthly.id], CARDS.failsOnRenewal);
    const end = subscription.items.data[0]!.current_period_end;
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: end + 8 * DAY });
    const retried = (await h.stripe.invoices.list({ subscription: subscription.id, status: "open" })).data[0]!;
    expect(retried).toMatchObject({ attempt_count: 3, next_payment_attempt: end + 14 * DAY });
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).status).toBe("past_due");
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: end + 15 * DAY });
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).status).toBe("canceled");
    await until(() => eventsFor("customer.subscription.deleted", subscription.id).length === 1);
  });

  it("ends a subscription set to cancel at period end when the clock passes it", async () => {
    const { clock, subscription } = await subscribeOnClock(h, [c.proMonthly.id]);
    await h.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    const end = subscription.items.data[0]!.current_period_end;
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: end + DAY });
    expect(await h.stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ status: "canceled", ended_at: end });
    expect((await h.stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(1);
  });

  it("moves a customer created without a clock through a renewal with the advance control", async () => {
    const customer = await h.stripe.customers.create({ email: "noclock@example.com" });
    const session = await h.stripe.checkout.sessions.create({ mode: "subscription", customer: customer.id, line_items: [{ price: c.proMonthly.id, quantity: 1 }], success_url: "http://localhost:3000/ok" });
    await submit(session.url!, { card_number: CARDS.failsOnRenewal, card_expiry: "12 / 34", card_cvc: "123" });
    const response = await fetch(`${h.server.url}/_dev/customers/${customer.id}/advance`, { method: "POST", body: JSON.stringify({ days: 32 }) });
    expect(response.status).toBe(200);
    const [sub] = (await h.stripe.subscriptions.list({ customer: customer.id })).data;
    expect(sub).toMatchObject({ status: "past_due", test_clock: expect.stringMatching(/^clock_/) });
  });

  it("runs a trial: trialing with a $0 invoice, trial_will_end three days ahead, then the first paid invoice", async () => {
    const start = Math.floor(Date.UTC(2026, 2, 1) / 1000);
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: start });
    const customer = await h.stripe.customers.create({ email: "trial@example.com", test_clock: clock.id });
    const session = await h.stripe.checkout.sessions.create({ mode: "subscription", customer: customer.id, line_items: [{ price: c.proMonthly.id, quantity: 1 }], subscription_data: { trial_period_days: 14 }, success_url: "http://localhost:3000/ok" });
    expect(session.amount_total).toBe(0);
    await submit(session.url!, { card_number: CARDS.ok, card_expiry: "12 / 34", card_cvc: "123" });
    const [trialing] = (await h.stripe.subscriptions.list({ customer: customer.id, expand: ["data.latest_invoice"] })).data;
    expect(trialing).toMatchObject({ status: "trialing", trial_start: start, trial_end: start + 14 * DAY });
    expect(trialing!.latest_invoice).toMatchObject({ amount_due: 0, status: "paid" });
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: start + 15 * DAY });
    const active = await h.stripe.subscriptions.retrieve(trialing!.id, { expand: ["latest_invoice"] });
    expect(active.status).toBe("active");
    expect(active.latest_invoice).toMatchObject({ amount_paid: 2000, billing_reason: "subscription_cycle" });
    const warning = await until(() => eventsFor("customer.subscription.trial_will_end", trialing!.id)[0]);
    expect(warning.event.created).toBe(start + 11 * DAY);
  });

  it("refuses to move a clock backwards", async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: 2_000_000_000 });
    await expect(h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: 1_999_999_999 })).rejects.toMatchObject({ param: "frozen_time" });
  });
});
