/**
 * Contract-test harness: the local Stripe gateway on a free loopback port against this test
 * file's database, the real `stripe` SDK pointed at it through host/port/protocol, and a
 * webhook endpoint that records exactly what arrives (raw body and headers).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";
import { startStripeDevServer, type StripeDevServer } from "../../../tools/stripe-dev";

export type Received = { body: string; signature: string; event: Stripe.Event };

export type Harness = {
  server: StripeDevServer;
  stripe: Stripe;
  webhookUrl: string;
  received: Received[];
  /** How the endpoint answers; default 200. */
  respond: (event: Stripe.Event) => number;
  restart(): Promise<void>;
  stop(): Promise<void>;
};

/** Starts a harness for this file (filled in by beforeAll, stopped by afterAll). */
export function harnessForFile(): Harness {
  const h = {} as Harness;
  beforeAll(() => startHarness(h));
  afterAll(() => h.stop());
  return h;
}

export type Catalog = Awaited<ReturnType<typeof makeCatalog>>;

/** makeCatalog for this file, once the harness is up. */
export function catalogForFile(h: Harness, suffix = ""): Catalog {
  const c = {} as Catalog;
  beforeAll(async () => Object.assign(c, await makeCatalog(h.stripe, suffix)));
  return c;
}

export async function startHarness(target = {} as Harness): Promise<Harness> {
  const received: Received[] = [];
  const endpoint = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const event = JSON.parse(body) as Stripe.Event;
      received.push({ body, signature: String(req.headers["stripe-signature"]), event });
      res.writeHead(h.respond(event)).end();
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/api/webhooks/stripe`;
  const start = (port = 0) =>
    startStripeDevServer({ databaseUrl: process.env.DATABASE_URL!, port, webhookUrl, retryBaseMs: 50, pollMs: 20, log: process.env.STRIPE_DEV_LOG ? (l) => console.log(`[stripe-dev] ${l}`) : undefined });
  const server = await start();
  const client = (s: StripeDevServer) => new Stripe(s.secretKey, { host: s.host, port: s.port, protocol: "http", maxNetworkRetries: 0 });
  const h: Harness = Object.assign(target, {
    server,
    stripe: client(server),
    webhookUrl,
    received,
    respond: () => 200,
    async restart() {
      const port = h.server.port;
      await h.server.stop();
      h.server = await start(port);
      h.stripe = client(h.server);
    },
    async stop() {
      await h.server.stop();
      await new Promise<void>((resolve) => endpoint.close(() => resolve()));
    },
  } satisfies Harness);
  return h;
}

/** Polls until `check` returns a truthy value (no fixed sleeps). */
export async function until<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const received = (h: Harness, type: string) => h.received.filter((r) => r.event.type === type);

/** A catalog like the app's: Pro (monthly, yearly) with metered overage, Team per seat. */
export async function makeCatalog(stripe: Stripe, suffix = "") {
  const meter = await stripe.billing.meters.create({
    display_name: "API requests",
    event_name: `api_requests${suffix}`,
    default_aggregation: { formula: "sum" },
    customer_mapping: { event_payload_key: "stripe_customer_id", type: "by_id" },
    value_settings: { event_payload_key: "value" },
  });
  const pro = await stripe.products.create({ id: `pro${suffix}`, name: "Pro" });
  const team = await stripe.products.create({ id: `team${suffix}`, name: "Team" });
  const proMonthly = await stripe.prices.create({ product: pro.id, currency: "usd", unit_amount: 2000, recurring: { interval: "month" }, lookup_key: `pro_monthly${suffix}` });
  const proYearly = await stripe.prices.create({ product: pro.id, currency: "usd", unit_amount: 20000, recurring: { interval: "year" }, lookup_key: `pro_yearly${suffix}` });
  const proOverage = await stripe.prices.create({
    product: pro.id,
    currency: "usd",
    // $0.50 per 1,000 requests beyond the first 10,000 in the period.
    billing_scheme: "tiered",
    tiers_mode: "graduated",
    tiers: [
      { up_to: 10_000, unit_amount: 0 },
      { up_to: "inf", unit_amount_decimal: Stripe.Decimal.from("0.05") },
    ],
    recurring: { interval: "month", usage_type: "metered", meter: meter.id },
    lookup_key: `pro_overage${suffix}`,
  });
  const teamMonthly = await stripe.prices.create({ product: team.id, currency: "usd", unit_amount: 1500, recurring: { interval: "month" }, lookup_key: `team_monthly${suffix}` });
  const teamOverage = await stripe.prices.create({
    product: team.id,
    currency: "usd",
    unit_amount_decimal: Stripe.Decimal.from("0.04"),
    recurring: { interval: "month", usage_type: "metered", meter: meter.id },
    lookup_key: `team_overage${suffix}`,
  });
  return { meter, pro, team, proMonthly, proYearly, proOverage, teamMonthly, teamOverage };
}

export const CARDS = { ok: "4242 4242 4242 4242", declined: "4000 0000 0000 0002", failsOnRenewal: "4000 0000 0000 0341" };

/** Submits the hosted checkout form as a browser would; returns the redirect or the error shown. */
export async function payCheckout(url: string, card: string, extra: Record<string, string> = {}): Promise<{ redirect: string | null; status: number; html: string }> {
  const response = await fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ card_number: card, card_expiry: "12 / 34", card_cvc: "123", ...extra }),
  });
  return { redirect: response.headers.get("location"), status: response.status, html: await response.text() };
}

/** Submits a hosted-page form (portal, invoice) at `url`. */
export async function submit(url: string, fields: Record<string, string> = {}) {
  const response = await fetch(url, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
  return { redirect: response.headers.get("location"), status: response.status, html: await response.text() };
}

/** A customer on a fresh test clock, subscribed through the hosted checkout with `card`. */
export async function subscribeOnClock(h: Harness, prices: string[], card = CARDS.ok, quantity = 1) {
  const start = Math.floor(Date.UTC(2026, 0, 1) / 1000);
  const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: start, name: "renewals" });
  const customer = await h.stripe.customers.create({ email: "owner@example.com", test_clock: clock.id });
  const session = await h.stripe.checkout.sessions.create({
    mode: "subscription",
    customer: customer.id,
    line_items: prices.map((price, i) => (i === 0 ? { price, quantity } : { price })),
    success_url: "http://localhost:3000/billing?session={CHECKOUT_SESSION_ID}",
    cancel_url: "http://localhost:3000/billing",
  });
  const paid = await payCheckout(session.url!, card);
  if (!paid.redirect) throw new Error(`checkout failed: ${paid.html.slice(0, 300)}`);
  const completed = await h.stripe.checkout.sessions.retrieve(session.id);
  const subscription = await h.stripe.subscriptions.retrieve(completed.subscription as string);
  return { clock, customer, session: completed, subscription, start };
}
