import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { CARDS, submit, subscribeOnClock, catalogForFile, harnessForFile } from "./harness";

const h = harnessForFile();
const c = catalogForFile(h);

const page = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, html: await response.text() };
};

describe("stripe-dev: hosted billing portal", () => {
  it("shows the plan, card and invoices, and changes seats with the proration shown before confirming", async () => {
    const { subscription, customer } = await subscribeOnClock(h, [c.teamMonthly.id, c.teamOverage.id], CARDS.ok, 2);
    const portal = await h.stripe.billingPortal.sessions.create({ customer: customer.id, return_url: "http://localhost:3000/w/acme/billing" });
    const overview = await page(portal.url);
    expect(overview.html).toContain("Team — $15.00 / month");
    expect(overview.html).toContain("2 seats");
    expect(overview.html).toContain("visa •••• 4242");
    expect(overview.html).toMatch(/View invoice [A-Z0-9]+-0001/);
    expect(overview.html).toContain('href="http://localhost:3000/w/acme/billing">Return to the app</a>');

    const update = `${portal.url}/subscriptions/${subscription.id}/update`;
    const preview = await page(`${update}?price=${c.teamMonthly.id}&quantity=4`);
    expect(preview.html).toContain('aria-label="Proration preview"');
    expect(preview.html).toMatch(/Remaining time on 4 × Team after/);
    expect(preview.html).toContain("Amount due today</th><th class=\"num\">$30.00</th>");
    const confirmed = await submit(update, { price: c.teamMonthly.id, quantity: "4" });
    expect(confirmed.redirect).toMatch(/notice=Your%20plan%20has%20been%20updated/);
    const after = await h.stripe.subscriptions.retrieve(subscription.id, { expand: ["latest_invoice"] });
    expect(after.items.data.find((i) => i.price.id === c.teamMonthly.id)!.quantity).toBe(4);
    expect(after.latest_invoice as Stripe.Invoice).toMatchObject({ billing_reason: "subscription_update", amount_paid: 3000, status: "paid" });
  });

  it("switches plan and moves the metered item to the new product's meter price", async () => {
    const { subscription, customer } = await subscribeOnClock(h, [c.proMonthly.id, c.proOverage.id]);
    const portal = await h.stripe.billingPortal.sessions.create({ customer: customer.id });
    await submit(`${portal.url}/subscriptions/${subscription.id}/update`, { price: c.teamMonthly.id, quantity: "3" });
    const after = await h.stripe.subscriptions.retrieve(subscription.id);
    expect(after.items.data.map((i) => [i.price.id, i.quantity ?? null])).toEqual([
      [c.teamMonthly.id, 3],
      [c.teamOverage.id, null],
    ]);
  });

  it("cancels at period end, renews, and replaces the card (a declined card shows the message)", async () => {
    const { subscription, customer } = await subscribeOnClock(h, [c.proMonthly.id]);
    const portal = await h.stripe.billingPortal.sessions.create({ customer: customer.id });
    expect((await page(`${portal.url}/subscriptions/${subscription.id}/cancel`)).html).toContain("Confirm cancellation");
    await submit(`${portal.url}/subscriptions/${subscription.id}/cancel`);
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).cancel_at_period_end).toBe(true);
    expect((await page(portal.url)).html).toContain("Renew plan");
    await submit(`${portal.url}/subscriptions/${subscription.id}/resume`);
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).cancel_at_period_end).toBe(false);

    const declined = await submit(`${portal.url}/payment-method`, { card_number: CARDS.declined, card_expiry: "12 / 34", card_cvc: "123" });
    expect(declined.status).toBe(402);
    expect(declined.html).toContain('<div role="alert">Your card was declined.</div>');
    await submit(`${portal.url}/payment-method`, { card_number: "5555 5555 5555 4444", card_expiry: "12 / 34", card_cvc: "123" });
    const updated = (await h.stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    const pm = await h.stripe.paymentMethods.retrieve(updated.invoice_settings.default_payment_method as string);
    expect(pm.card).toMatchObject({ brand: "mastercard", last4: "4444" });
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).default_payment_method).toBe(pm.id);
  });

  it("opens at a flow's page, and refuses a subscription of another customer", async () => {
    const mine = await subscribeOnClock(h, [c.proMonthly.id]);
    const theirs = await subscribeOnClock(h, [c.proMonthly.id]);
    const flow = await h.stripe.billingPortal.sessions.create({ customer: mine.customer.id, flow_data: { type: "subscription_cancel", subscription_cancel: { subscription: mine.subscription.id } } });
    expect(flow.url).toMatch(new RegExp(`/subscriptions/${mine.subscription.id}/cancel$`));
    const portal = await h.stripe.billingPortal.sessions.create({ customer: mine.customer.id });
    const foreign = await submit(`${portal.url}/subscriptions/${theirs.subscription.id}/cancel`);
    expect(foreign.status).toBe(404);
    expect((await h.stripe.subscriptions.retrieve(theirs.subscription.id)).cancel_at_period_end).toBe(false);
  });

  it("pays an open invoice on its hosted page", async () => {
    const { clock, subscription } = await subscribeOnClock(h, [c.proMonthly.id], CARDS.failsOnRenewal);
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: subscription.items.data[0]!.current_period_end + 60 });
    const invoice = (await h.stripe.invoices.list({ subscription: subscription.id, status: "open" })).data[0]!;
    const shown = await page(invoice.hosted_invoice_url!);
    expect(shown.html).toContain("Pay $20.00</button>");
    const paid = await submit(invoice.hosted_invoice_url!, { card_number: CARDS.ok, card_expiry: "12 / 34", card_cvc: "123" });
    expect(paid.redirect).toBe(`/invoice/${invoice.id}`);
    expect((await page(invoice.hosted_invoice_url!)).html).toContain('role="status">Paid on');
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).status).toBe("active");
  });
});
