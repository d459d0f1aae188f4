import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStripeDev } from "../../support/stripe-dev";
import type { StripeDevServer } from "../../../tools/stripe-dev";

let server: StripeDevServer;
beforeAll(async () => {
  server = await startTestStripeDev();
});
afterAll(() => server.stop());

describe("stripeClient() without STRIPE_SECRET_KEY", () => {
  it("reaches the local gateway through the SDK's host/port/protocol, with the dev keys", async () => {
    const { stripeClient, stripeWebhookSecret, stripeGatewayKind } = await import("@/server/stripe/client");
    expect(stripeGatewayKind()).toBe("local");
    const customer = await stripeClient().customers.create({ email: "app@example.com" }, { idempotencyKey: "intent-1" });
    expect(customer.id).toMatch(/^cus_/);
    expect(stripeWebhookSecret()).toBe(server.webhookSecret);
  });

  it("answers a clear connection error when the gateway refuses connections", async () => {
    const { stripeClient } = await import("@/server/stripe/client");
    server.control.setGatewayMode("refuse");
    await expect(stripeClient().customers.list()).rejects.toMatchObject({ type: "StripeConnectionError" });
    server.control.setGatewayMode("down");
    await expect(stripeClient().customers.list()).rejects.toMatchObject({ type: "StripeAPIError", statusCode: 503 });
    server.control.setGatewayMode("up");
    await expect(stripeClient().customers.list()).resolves.toMatchObject({ object: "list" });
  });
});
