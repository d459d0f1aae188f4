import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { CARDS, payCheckout, received, until, catalogForFile, harnessForFile } from "./harness";

const h = harnessForFile();
const catalog = catalogForFile(h);

describe("stripe-dev: hosted checkout", () => {
  it("subscribes a new customer with the success card and redirects to success_url with the session id", async () => {
    const session = await h.stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: catalog.teamMonthly.id, quantity: 3 }, { price: catalog.teamOverage.id }],
      client_reference_id: "ws_123",
      customer_email: "owner@example.com",
      success_url: "http://localhost:3000/w/acme/billing?checkout={CHECKOUT_SESSION_ID}",
      cancel_url: "http://localhost:3000/w/acme/billing",
      metadata: { workspace_id: "ws_123" },
      subscription_data: { metadata: { workspace_id: "ws_123" } },
    });
    expect(session).toMatchObject({ object: "checkout.session", status: "open", mode: "subscription", client_reference_id: "ws_123", amount_total: 4500, url: expect.stringMatching(/\/checkout\/cs_test_/) });

    const page = await (await fetch(session.url!)).text();
    expect(page).toContain('<label for="card-number">Card number</label>');
    expect(page).toContain(">Subscribe</button>");

    const paid = await payCheckout(session.url!, CARDS.ok);
    expect(paid.redirect).toBe(`http://localhost:3000/w/acme/billing?checkout=${session.id}`);

    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription", "customer"] });
    expect(done).toMatchObject({ status: "complete", payment_status: "paid", metadata: { workspace_id: "ws_123" } });
    const sub = done.subscription as Stripe.Subscription;
    expect(sub.status).toBe("active");
    expect(sub.metadata).toEqual({ workspace_id: "ws_123" });
    expect(sub.items.data.map((i) => [i.price.lookup_key, i.quantity])).toEqual([
      ["team_monthly", 3],
      ["team_overage", undefined],
    ]);
    expect((done.customer as Stripe.Customer).email).toBe("owner@example.com");
    const invoice = await h.stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(invoice).toMatchObject({ status: "paid", amount_paid: 4500, billing_reason: "subscription_create" });
    expect(invoice.parent?.subscription_details?.subscription).toBe(sub.id);

    await until(() => received(h, "checkout.session.completed").length === 1);
    const types = h.received.map((r) => r.event.type);
    for (const type of ["customer.created", "customer.subscription.created", "invoice.created", "invoice.finalized", "invoice.paid", "payment_intent.succeeded", "customer.subscription.updated"]) {
      expect(types).toContain(type);
    }
  });

  it("shows the gateway's decline message for 4000 0000 0000 0002 and creates nothing", async () => {
    const before = (await h.stripe.subscriptions.list({ status: "all", limit: 100 })).data.length;
    const session = await h.stripe.checkout.sessions.create({ mode: "subscription", line_items: [{ price: catalog.proMonthly.id, quantity: 1 }], customer_email: "declined@example.com", success_url: "http://localhost:3000/ok" });
    const attempt = await payCheckout(session.url!, CARDS.declined);
    expect(attempt.redirect).toBeNull();
    expect(attempt.status).toBe(402);
    expect(attempt.html).toContain('<div role="alert">Your card was declined.</div>');
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
    expect((await h.stripe.subscriptions.list({ status: "all", limit: 100 })).data.length).toBe(before);
    expect((await h.stripe.customers.list({ email: "declined@example.com" })).data).toEqual([]);
  });

  it("refuses modes other than subscription and unknown parameters, naming them", async () => {
    await expect(h.stripe.checkout.sessions.create({ mode: "payment", line_items: [{ price: catalog.proMonthly.id, quantity: 1 }], success_url: "http://x" })).rejects.toMatchObject({ type: "StripeInvalidRequestError", param: "mode" });
    await expect(h.stripe.checkout.sessions.create({ mode: "subscription", line_items: [{ price: catalog.proMonthly.id }], success_url: "http://x", nonsense: "1" } as never)).rejects.toThrow(/Received unknown parameter: nonsense/);
  });
});
