/**
 * Dunning on the Inngest path (the local Inngest dev server driving the app's /api/inngest, the
 * local Stripe gateway delivering to the app's webhook route): a failed renewal's webhook runs
 * `process-stripe-event`, which starts the `billing-grace-period` timer sleeping until the grace
 * deadline; paying cancels that run, and a timer that wakes with the invoice still unpaid
 * downgrades to Free.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { InngestDevServer } from "../../../tools/inngest-dev";
import type { StripeDevServer } from "../../../tools/stripe-dev";

const devPort = await vi.hoisted(async () => {
  const { findFreePort } = await import("../../../tools/embedded-postgres");
  const port = await findFreePort();
  process.env.INNGEST_DEV = `http://127.0.0.1:${port}`;
  return port;
});

import { startInngestDevServer } from "../../../tools/inngest-dev";
import { GET, POST, PUT } from "@/app/api/inngest/route";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { startCheckout } from "@/features/billing/server/start-checkout";
import { STRIPE_DEV_WEBHOOK_SECRET } from "@/lib/stripe-dev-keys";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { billingCustomers, billingSubscriptions, billingWebhookEvents, workspaces } from "@/server/db/schema";
import { devServer, type DevRun } from "@/server/jobs/dev-server-api";
import { stripeClient } from "@/server/stripe/client";
import { actorFor, nextRandom } from "../../support/api";
import { startTestStripeDev } from "../../support/stripe-dev";
import { CARDS, payCheckout, submit } from "../stripe-dev/harness";

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
const routes: Record<string, Record<string, Handler>> = {
  "/api/inngest": { GET, POST, PUT } as unknown as Record<string, Handler>,
  "/api/webhooks/stripe": { POST: stripeWebhook } as unknown as Record<string, Handler>,
};
const GRACE_FN = "groundwork-billing-grace-period";
const stripe = stripeClient();
let app: http.Server;
let dev: InngestDevServer;
let gateway: StripeDevServer;
let webhookUrl: string;
let devSql: postgres.Sql;

beforeAll(async () => {
  app = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const handler = routes[url.pathname]?.[req.method ?? "GET"];
    if (!handler) return void res.writeHead(404).end();
    const response = await handler(new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body: chunks.length ? Buffer.concat(chunks) : undefined }), {});
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  webhookUrl = `${origin}/api/webhooks/stripe`;
  dev = await startInngestDevServer({ databaseUrl: process.env.DATABASE_URL!, port: devPort, appUrl: `${origin}/api/inngest`, pollMs: 50, retryBaseMs: 50 });
  gateway = await startTestStripeDev({ webhookUrl });
  devSql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await devSql?.end();
  await gateway?.stop();
  await dev?.stop();
  await new Promise<void>((resolve) => {
    app.close(() => resolve());
    app.closeAllConnections();
  });
});

const planOf = async (id: string) => (await db.select({ plan: workspaces.plan }).from(workspaces).where(eq(workspaces.id, id)))[0]!.plan;
const subOf = async (id: string) => (await db.select().from(billingSubscriptions).where(eq(billingSubscriptions.workspaceId, id)))[0] ?? null;

/** A Pro workspace whose renewal failed on the test clock: past_due, its grace timer asleep. */
async function pastDue() {
  const random = nextRandom();
  const owner = await createUser(db, random);
  const workspace = await createWorkspaceWithMembers(db, random, { owner });
  const { url } = await startCheckout({ workspaceSlug: workspace.slug, plan: "pro", interval: "month", seats: 1 }, actorFor(owner, workspace, "owner"), db);
  expect((await payCheckout(url, CARDS.failsOnRenewal)).redirect).toBeTruthy();
  await expect.poll(() => planOf(workspace.id)).toBe("pro");
  const customer = (await db.select().from(billingCustomers).where(eq(billingCustomers.workspaceId, workspace.id)))[0]!.stripeCustomerId;
  await gateway.control.advanceCustomer(customer, 32);
  await expect.poll(async () => (await subOf(workspace.id))?.status).toBe("past_due");
  const graceEndsAt = (await subOf(workspace.id))!.graceEndsAt!;
  const timer = () => graceRun(workspace.id);
  await expect.poll(async () => (await timer())?.status).toBe("sleeping");
  return { workspace, customer, graceEndsAt, timer };
}

async function graceRun(workspaceId: string): Promise<DevRun | undefined> {
  return (await devServer.listRuns({ limit: 100 })).find((r) => r.functionId === GRACE_FN && (r.event.data as { workspaceId?: string }).workspaceId === workspaceId);
}

describe("the webhook hand-off to Inngest", () => {
  it("sends each new ledger row as an event whose id is the Stripe event id; ten redeliveries hand off nothing more", async () => {
    const random = nextRandom();
    const owner = await createUser(db, random);
    const workspace = await createWorkspaceWithMembers(db, random, { owner });
    const { url } = await startCheckout({ workspaceSlug: workspace.slug, plan: "pro", interval: "month", seats: 1 }, actorFor(owner, workspace, "owner"), db);
    expect((await payCheckout(url, CARDS.ok)).redirect).toBeTruthy();
    await expect.poll(() => planOf(workspace.id)).toBe("pro");
    const customer = (await db.select().from(billingCustomers).where(eq(billingCustomers.workspaceId, workspace.id)))[0]!.stripeCustomerId;
    const ledger = async () => (await db.select({ id: billingWebhookEvents.id, status: billingWebhookEvents.status }).from(billingWebhookEvents).where(eq(billingWebhookEvents.stripeCustomerId, customer)));
    const handedOff = async (ids: string[]) => devSql<{ id: string; name: string; event_id: string }[]>`select id, name, data->>'eventId' as event_id from inngest_dev.events where id = any(${ids})`;
    await expect.poll(async () => (await ledger()).every((e) => e.status !== "received")).toBe(true);
    const rows = await ledger();
    const events = await handedOff(rows.map((r) => r.id));
    expect(events).toHaveLength(rows.length);
    for (const e of events) expect(e).toMatchObject({ name: "billing/stripe.event.received", event_id: e.id });

    const subscribed = (await gateway.control.events("customer.subscription.created")).find((e) => (e.data.object as { customer: string }).customer === customer)!;
    const attempts = await gateway.control.deliver(subscribed.id, 10);
    expect(attempts.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await handedOff([subscribed.id])).toHaveLength(1);
    const runs = (await devServer.listRuns({ limit: 100 })).filter((r) => r.functionId === "groundwork-process-stripe-event" && (r.event.data as { eventId?: string }).eventId === subscribed.id);
    expect(runs).toHaveLength(1);
  });
});

describe("the dunning grace timer on Inngest", () => {
  it("sleeps until the grace deadline; paying the invoice cancels it and the plan stays", async () => {
    const { workspace, customer, graceEndsAt, timer } = await pastDue();
    const run = (await timer())!;
    expect(run.event).toMatchObject({ name: "billing/grace.started", data: { workspaceId: workspace.id, graceEndsAt: graceEndsAt.toISOString() } });
    const [sleep] = await devSql<{ run_at: Date }[]>`select run_at from inngest_dev.jobs where run_id = ${run.id} and kind = 'sleep'`;
    expect(sleep!.run_at.getTime()).toBe(graceEndsAt.getTime());

    const open = (await stripe.invoices.list({ customer, status: "open" })).data[0]!;
    expect((await submit(open.hosted_invoice_url!, { card_number: CARDS.ok, card_expiry: "12 / 34", card_cvc: "123" })).status).toBeLessThan(400);
    await expect.poll(async () => (await timer())?.status).toBe("cancelled");
    expect(await subOf(workspace.id)).toMatchObject({ status: "active", graceEndsAt: null });
    expect(await planOf(workspace.id)).toBe("pro");
  });

  it("wakes at the deadline with the invoice still unpaid and downgrades to Free", async () => {
    const { workspace, customer, timer } = await pastDue();
    // The clock moves past the deadline with no webhook to tell the app: only the timer can act.
    gateway.control.setWebhookEndpoint(null);
    try {
      await gateway.control.advanceCustomer(customer, 8);
    } finally {
      gateway.control.setWebhookEndpoint({ url: webhookUrl, secret: STRIPE_DEV_WEBHOOK_SECRET });
    }
    expect(await planOf(workspace.id)).toBe("pro");
    // The deadline is on the gateway's clock, days ahead of the wall clock: bring the wake-up to now.
    const run = (await timer())!;
    await devSql`update inngest_dev.jobs set run_at = now() where run_id = ${run.id} and kind = 'sleep'`;
    await expect.poll(async () => (await timer())?.status).toBe("completed");
    expect((await timer())!.output).toEqual({ plan: "free" });
    expect(await planOf(workspace.id)).toBe("free");
  });
});
