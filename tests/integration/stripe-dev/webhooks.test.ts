import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { received, subscribeOnClock, until, catalogForFile, harnessForFile } from "./harness";

const h = harnessForFile();
const c = catalogForFile(h);

describe("stripe-dev: webhook delivery", () => {
  it("signs what it sends so that stripe.webhooks.constructEvent accepts it, and only with the right secret", async () => {
    const customer = await h.stripe.customers.create({ email: "signed@example.com" }, { idempotencyKey: "signed-1" });
    const delivery = await until(() => h.received.find((r) => r.event.type === "customer.created" && (r.event.data.object as Stripe.Customer).id === customer.id));
    expect(delivery.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = h.stripe.webhooks.constructEvent(delivery.body, delivery.signature, h.server.webhookSecret);
    expect(event).toMatchObject({ object: "event", type: "customer.created", api_version: Stripe.API_VERSION, livemode: false, request: { idempotency_key: "signed-1" }, data: { object: { id: customer.id, email: "signed@example.com" } } });
    expect(() => h.stripe.webhooks.constructEvent(delivery.body, delivery.signature, "whsec_someone_else")).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => h.stripe.webhooks.constructEvent(delivery.body.replace("signed@", "forged@"), delivery.signature, h.server.webhookSecret)).toThrow(/No signatures found matching/);
  });

  it("carries previous_attributes on updates", async () => {
    const customer = await h.stripe.customers.create({ email: "before@example.com" });
    await h.stripe.customers.update(customer.id, { email: "after@example.com" });
    const update = await until(() => received(h, "customer.updated").find((r) => (r.event.data.object as Stripe.Customer).id === customer.id));
    expect(update.event.data).toMatchObject({ object: { email: "after@example.com" }, previous_attributes: { email: "before@example.com" } });
  });

  it("retries a failing endpoint with backoff until it answers 2xx", async () => {
    let failures = 0;
    h.respond = (event) => (event.type === "customer.created" && (event.data.object as Stripe.Customer).email === "retry@example.com" && failures++ < 3 ? 500 : 200);
    const customer = await h.stripe.customers.create({ email: "retry@example.com" });
    const event = (await h.server.control.events("customer.created")).find((e) => e.data.object.id === customer.id)!;
    const [row] = await until(async () => {
      const rows = await h.server.control.deliveries(event.id);
      return rows[0]?.status === "succeeded" ? rows : null;
    });
    expect(row).toMatchObject({ status: "succeeded", attempts: 4, lastStatus: 200 });
    expect(received(h, "customer.created").filter((r) => r.event.id === event.id)).toHaveLength(4);
    h.respond = () => 200;
  });

  it("fails deliveries on request (network-style) and delivers them on retry", async () => {
    h.server.control.failDeliveries(2);
    const customer = await h.stripe.customers.create({ email: "dropped@example.com" });
    const event = (await h.server.control.events("customer.created")).find((e) => e.data.object.id === customer.id)!;
    const [row] = await until(async () => {
      const rows = await h.server.control.deliveries(event.id);
      return rows[0]?.status === "succeeded" ? rows : null;
    });
    expect(row!.attempts).toBe(3);
    expect(received(h, "customer.created").filter((r) => r.event.id === event.id)).toHaveLength(1);
  });

  it("delivers one event many times at once (duplicates)", async () => {
    const customer = await h.stripe.customers.create({ email: "dup@example.com" });
    const event = (await h.server.control.events("customer.created")).find((e) => e.data.object.id === customer.id)!;
    await until(() => received(h, "customer.created").some((r) => r.event.id === event.id));
    const attempts = await h.server.control.deliver(event.id, 10);
    expect(attempts.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(received(h, "customer.created").filter((r) => r.event.id === event.id)).toHaveLength(11);
    const viaHttp = await fetch(`${h.server.url}/_dev/events/${event.id}/deliver`, { method: "POST", body: JSON.stringify({ times: 2 }) });
    expect(((await viaHttp.json()) as { deliveries: unknown[] }).deliveries).toHaveLength(2);
  });

  it("holds events and releases them newest first (out of order)", async () => {
    h.server.control.hold();
    const { subscription } = await subscribeOnClock(h, [c.proMonthly.id]);
    await h.stripe.subscriptions.update(subscription.id, { metadata: { step: "1" } });
    await h.stripe.subscriptions.update(subscription.id, { metadata: { step: "2" } });
    const held = (await h.server.control.deliveries()).filter((d) => d.status === "held");
    expect(held.length).toBeGreaterThan(5);
    const before = h.received.length;
    const released = await h.server.control.release("reversed");
    expect(released.map((r) => r.eventId)).toEqual(held.map((d) => d.eventId).reverse());
    const order = h.received.slice(before).filter((r) => r.event.type.startsWith("customer.subscription.")).map((r) => [r.event.type, (r.event.data.object as Stripe.Subscription).metadata.step ?? null]);
    expect(order.slice(0, 2)).toEqual([
      ["customer.subscription.updated", "2"],
      ["customer.subscription.updated", "1"],
    ]);
    expect(order[order.length - 1]![0]).toBe("customer.subscription.created");
  });

  it("holds one customer's events while others' are delivered, then releases only that customer's", async () => {
    const [held, other] = [await h.stripe.customers.create({ email: "held@example.com" }), await h.stripe.customers.create({ email: "free@example.com" })];
    const heldAt = h.received.length;
    await fetch(`${h.server.url}/_dev/customers/${held.id}/webhooks/hold`, { method: "POST" });
    await h.stripe.customers.update(held.id, { name: "Held" });
    await h.stripe.customers.update(other.id, { name: "Delivered" });
    await until(() => received(h, "customer.updated").some((r) => (r.event.data.object as Stripe.Customer).id === other.id));
    const heldRows = (await h.server.control.deliveries()).filter((d) => d.status === "held");
    expect(heldRows.map((d) => d.type)).toEqual(["customer.updated"]);
    expect(h.received.slice(heldAt).some((r) => (r.event.data.object as Stripe.Customer).id === held.id && r.event.type === "customer.updated")).toBe(false);
    const released = await fetch(`${h.server.url}/_dev/customers/${held.id}/webhooks/release`, { method: "POST", body: JSON.stringify({}) });
    expect(((await released.json()) as { deliveries: Array<{ eventId: string; status: number }> }).deliveries).toEqual([expect.objectContaining({ eventId: heldRows[0]!.eventId, status: 200 })]);
    expect(received(h, "customer.updated").filter((r) => (r.event.data.object as Stripe.Customer).id === held.id)).toHaveLength(1);
    // Released: the customer's next events go out as usual.
    await h.stripe.customers.update(held.id, { name: "Held no more" });
    await until(() => received(h, "customer.updated").some((r) => (r.event.data.object as Stripe.Customer).name === "Held no more"));
  });

  it("keeps objects and pending deliveries across a restart", async () => {
    const customer = await h.stripe.customers.create({ email: "survivor@example.com" });
    h.server.control.hold();
    const later = await h.stripe.customers.update(customer.id, { name: "After restart" });
    await h.restart();
    expect(await h.stripe.customers.retrieve(customer.id)).toMatchObject({ id: customer.id, email: "survivor@example.com", name: "After restart" });
    // Held deliveries are still there after the restart; release them now.
    await h.server.control.release("original");
    await until(() => received(h, "customer.updated").some((r) => (r.event.data.object as Stripe.Customer).id === later.id));
    const again = await h.stripe.customers.create({ email: "survivor@example.com" }, { idempotencyKey: "after-restart" });
    expect((await h.stripe.customers.create({ email: "survivor@example.com" }, { idempotencyKey: "after-restart" })).id).toBe(again.id);
  });
});
