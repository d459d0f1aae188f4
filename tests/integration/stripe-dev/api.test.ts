import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { makeCatalog, harnessForFile } from "./harness";

const h = harnessForFile();

describe("stripe-dev: API conventions through the SDK", () => {
  it("finds prices by lookup_key, refuses a taken key unless transferred, and shapes recurring/metered prices", async () => {
    const c = await makeCatalog(h.stripe, "_api");
    const found = await h.stripe.prices.list({ lookup_keys: ["pro_monthly_api", "team_monthly_api"], expand: ["data.product"] });
    expect(found.data.map((p) => p.lookup_key).sort()).toEqual(["pro_monthly_api", "team_monthly_api"]);
    expect((found.data[0]!.product as Stripe.Product).object).toBe("product");
    expect(c.proOverage.recurring).toMatchObject({ interval: "month", usage_type: "metered", meter: c.meter.id });
    await expect(h.stripe.prices.create({ product: c.pro.id, currency: "usd", unit_amount: 2500, recurring: { interval: "month" }, lookup_key: "pro_monthly_api" })).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      param: "lookup_key",
    });
    const moved = await h.stripe.prices.create({ product: c.pro.id, currency: "usd", unit_amount: 2500, recurring: { interval: "month" }, lookup_key: "pro_monthly_api", transfer_lookup_key: true });
    expect((await h.stripe.prices.list({ lookup_keys: ["pro_monthly_api"] })).data.map((p) => p.id)).toEqual([moved.id]);
    expect((await h.stripe.prices.retrieve(c.proMonthly.id)).lookup_key).toBeNull();
    await expect(h.stripe.products.create({ id: c.pro.id, name: "Again" })).rejects.toMatchObject({ code: "resource_already_exists" });
  });

  it("pages lists newest first with has_more, starting_after and auto-pagination", async () => {
    for (let i = 0; i < 5; i++) await h.stripe.customers.create({ email: `page${i}@example.com`, metadata: { batch: "paging" } });
    const first = await h.stripe.customers.list({ limit: 2 });
    expect(first).toMatchObject({ object: "list", has_more: true, url: "/v1/customers" });
    expect(first.data.map((c) => c.email)).toEqual(["page4@example.com", "page3@example.com"]);
    const next = await h.stripe.customers.list({ limit: 2, starting_after: first.data[1]!.id });
    expect(next.data.map((c) => c.email)).toEqual(["page2@example.com", "page1@example.com"]);
    const everyone: string[] = [];
    for await (const customer of h.stripe.customers.list({ limit: 2 })) everyone.push(customer.email!);
    expect(everyone.filter((e) => e.startsWith("page"))).toHaveLength(5);
    await expect(h.stripe.customers.list({ limit: 101 })).rejects.toMatchObject({ param: "limit" });
  });

  it("answers Stripe's error envelope: missing objects, unknown params, bad keys, unsupported paths named", async () => {
    await expect(h.stripe.customers.retrieve("cus_missing")).rejects.toMatchObject({ type: "StripeInvalidRequestError", statusCode: 404, code: "resource_missing", message: "No such customer: 'cus_missing'" });
    await expect(h.stripe.customers.create({ emial: "typo@example.com" } as never)).rejects.toMatchObject({ param: "emial", message: expect.stringMatching(/^Received unknown parameter: emial/) });
    const wrongKey = new Stripe("sk_test_wrong_key_000000", { host: h.server.host, port: h.server.port, protocol: "http", maxNetworkRetries: 0 });
    await expect(wrongKey.customers.list()).rejects.toMatchObject({ type: "StripeAuthenticationError", statusCode: 401 });
    await expect(h.stripe.refunds.create({ payment_intent: "pi_123" })).rejects.toMatchObject({ statusCode: 404, message: expect.stringMatching(/Unrecognized request URL \(POST: \/v1\/refunds\).*implements: .*POST \/v1\/checkout\/sessions/) });
    await expect(h.stripe.checkout.sessions.create({ mode: "subscription", line_items: [{ price: "price_nope", quantity: 1 }], success_url: "http://x" })).rejects.toMatchObject({ param: "line_items[0][price]", statusCode: 404 });
  });

  it("honours Idempotency-Key: the same request replays its response, a different body is an idempotency error", async () => {
    const a = await h.stripe.customers.create({ email: "idem@example.com" }, { idempotencyKey: "key-1" });
    const b = await h.stripe.customers.create({ email: "idem@example.com" }, { idempotencyKey: "key-1" });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect((await h.stripe.customers.list({ email: "idem@example.com" })).data).toHaveLength(1);
    await expect(h.stripe.customers.create({ email: "other@example.com" }, { idempotencyKey: "key-1" })).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => h.stripe.customers.create({ email: "race@example.com" }, { idempotencyKey: "key-race" })));
    expect(new Set(concurrent.map((c) => c.id)).size).toBe(1);
  });

  it("expands ids into objects on request", async () => {
    const customer = await h.stripe.customers.create({ email: "expand@example.com" });
    const session = await h.stripe.billingPortal.sessions.create({ customer: customer.id, return_url: "http://localhost:3000/billing", expand: ["customer"] });
    expect(session.url).toMatch(/\/portal\/bps_/);
    expect(session.customer).toMatchObject({ id: customer.id, object: "customer", email: "expand@example.com" });
    await expect(h.stripe.customers.retrieve(customer.id, { expand: ["nothing_here"] })).rejects.toMatchObject({ param: "expand" });
  });
});
