/**
 * Billing end to end on the local Stripe gateway, through the real `stripe` SDK and the app's
 * real webhook route (the gateway delivers to it over loopback): checkout, declines, duplicate
 * and out-of-order deliveries, a crash between the gateway call and the database write, and a
 * failed renewal through grace to Free and back.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import { changeSubscription } from "@/features/billing/server/change-subscription";
import { getStaffBilling } from "@/features/billing/server/get-staff-billing";
import { grantCredit } from "@/features/billing/server/grant-credit";
import { listStaffInvoices } from "@/features/billing/server/list-invoices";
import { previewChange } from "@/features/billing/server/preview-change";
import { setCancelAtPeriodEnd } from "@/features/billing/server/set-cancel-at-period-end";
import { ingestStripeWebhook } from "@/features/billing/server/ingest-stripe-webhook";
import { expireGracePeriods, processStaleWebhookEvents, settlePendingIntents } from "@/features/billing/server/reconcile-billing";
import { startCheckout } from "@/features/billing/server/start-checkout";
import { STRIPE_DEV_WEBHOOK_SECRET } from "@/lib/stripe-dev-keys";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { billingCustomers, billingIntents, billingSubscriptions, billingWebhookEvents, devMailbox, realtimeEvents, workspaces } from "@/server/db/schema";
import { stripeClient } from "@/server/stripe/client";
import { actorFor, nextRandom } from "../../support/api";
import { CHILD_TEST_TIMEOUT_MS } from "../../support/child-process";
import { CARDS, payCheckout, submit } from "../stripe-dev/harness";
import { gatewayForFile } from "./gateway";

const gw = gatewayForFile();
const stripe = stripeClient();

async function world(name?: string) {
  const random = nextRandom();
  const owner = await createUser(db, random);
  const workspace = await createWorkspaceWithMembers(db, random, { owner, name });
  return { owner, workspace, actor: actorFor(owner, workspace, "owner") };
}
const planOf = async (id: string) => (await db.select({ plan: workspaces.plan, seats: workspaces.seats }).from(workspaces).where(eq(workspaces.id, id)))[0]!;
const subOf = async (id: string) => (await db.select().from(billingSubscriptions).where(eq(billingSubscriptions.workspaceId, id)))[0] ?? null;
const customerOf = async (id: string) => (await db.select().from(billingCustomers).where(eq(billingCustomers.workspaceId, id)))[0]!.stripeCustomerId;

/** Every event the gateway emitted for the customer has reached the ledger and been handled. */
async function settled(customer: string) {
  const emitted = (await gw.server.control.events()).filter((e) => {
    const o = e.data.object as { id?: string; object?: string; customer?: string };
    return o.customer === customer || (o.object === "customer" && o.id === customer);
  }).length;
  await expect
    .poll(async () => {
      const rows = await db.select({ status: billingWebhookEvents.status }).from(billingWebhookEvents).where(eq(billingWebhookEvents.stripeCustomerId, customer));
      return rows.length >= emitted && rows.every((r) => r.status !== "received");
    }, { timeout: 15_000 })
    .toBe(true);
}

async function subscribe(w: Awaited<ReturnType<typeof world>>, plan: "pro" | "team" = "pro", card = CARDS.ok, seats = 1) {
  const { url } = await startCheckout({ workspaceSlug: w.workspace.slug, plan, interval: "month", seats }, w.actor, db);
  const paid = await payCheckout(url, card);
  expect(paid.redirect).toContain(`/w/${w.workspace.slug}/billing?checkout=success`);
  await expect.poll(async () => (await planOf(w.workspace.id)).plan, { timeout: 15_000 }).toBe(plan);
  return (await subOf(w.workspace.id))!;
}

describe("checkout", () => {
  it("the success card subscribes; the webhook flips the plan and tells the billing page live", async () => {
    const w = await world();
    const sub = await subscribe(w);
    expect(sub).toMatchObject({ plan: "pro", interval: "month", status: "active", seats: 1, cancelAtPeriodEnd: false, paymentMethodLast4: "4242" });
    expect(sub.overageItemId).toBeTruthy();
    const live = await db.select().from(realtimeEvents).where(and(eq(realtimeEvents.channel, `workspace:${w.workspace.id}`), eq(realtimeEvents.type, "billing.updated")));
    expect(live.length).toBeGreaterThan(0);
    // Every lifecycle event was handled or recorded as ignored; none is left unprocessed.
    const customer = await customerOf(w.workspace.id);
    await expect.poll(async () => (await db.select().from(billingWebhookEvents).where(eq(billingWebhookEvents.stripeCustomerId, customer))).filter((e) => e.status === "received").length).toBe(0);
  });

  it("a declined card shows the gateway's message and changes nothing", async () => {
    const w = await world();
    const { url } = await startCheckout({ workspaceSlug: w.workspace.slug, plan: "pro", interval: "month", seats: 1 }, w.actor, db);
    const declined = await payCheckout(url, CARDS.declined);
    expect(declined.redirect).toBeNull();
    expect(declined.html).toContain("Your card was declined.");
    expect(await planOf(w.workspace.id)).toEqual({ plan: "free", seats: null });
    expect(await subOf(w.workspace.id)).toBeNull();
  });
});

describe("webhook delivery", () => {
  it("one event delivered ten times at once has one effect", async () => {
    const w = await world();
    await subscribe(w);
    const customer = await customerOf(w.workspace.id);
    await settled(customer);
    const [created] = (await gw.server.control.events("customer.subscription.created")).filter((e) => (e.data.object as { customer: string }).customer === customer);
    const liveBefore = await db.$count(realtimeEvents, eq(realtimeEvents.channel, `workspace:${w.workspace.id}`));
    const attempts = await gw.server.control.deliver(created!.id, 10);
    expect(attempts.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await db.$count(billingWebhookEvents, eq(billingWebhookEvents.id, created!.id))).toBe(1);
    // Duplicates were acknowledged without processing: no further sync, no further live event.
    expect(await db.$count(realtimeEvents, eq(realtimeEvents.channel, `workspace:${w.workspace.id}`))).toBe(liveBefore);
  });

  it("out of order: an old `updated` arriving after a newer one, and `updated` before `created`, still end in the gateway's newest state", async () => {
    const w = await world();
    gw.server.control.hold();
    const { url } = await startCheckout({ workspaceSlug: w.workspace.slug, plan: "team", interval: "month", seats: 2 }, w.actor, db);
    expect((await payCheckout(url, CARDS.ok)).redirect).toBeTruthy();
    const customer = await customerOf(w.workspace.id);
    const [sub] = (await stripe.subscriptions.list({ customer })).data;
    const item = sub!.items.data.find((i) => i.price.lookup_key === "groundwork_team_month")!;
    await stripe.subscriptions.update(sub!.id, { items: [{ id: item.id, quantity: 7 }], proration_behavior: "none" });
    await stripe.subscriptions.update(sub!.id, { cancel_at_period_end: true });
    await stripe.subscriptions.update(sub!.id, { items: [{ id: item.id, quantity: 4 }], proration_behavior: "none", cancel_at_period_end: false });
    await gw.server.control.release("reversed"); // newest first: updated(4) … updated(7) … created
    await expect.poll(async () => (await db.select().from(billingWebhookEvents).where(eq(billingWebhookEvents.stripeCustomerId, customer))).some((e) => e.type === "customer.subscription.created" && e.status === "processed"), { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await db.select().from(billingWebhookEvents).where(and(eq(billingWebhookEvents.stripeCustomerId, customer), eq(billingWebhookEvents.status, "received")))).length).toBe(0);
    expect(await subOf(w.workspace.id)).toMatchObject({ plan: "team", seats: 4, cancelAtPeriodEnd: false, status: "active" });
    expect(await planOf(w.workspace.id)).toEqual({ plan: "team", seats: 4 });
  });
});

describe("a hand-off lost after the ledger insert", () => {
  it("the row stays `received` until the reconciler processes it: the sync runs once and a later redelivery is a duplicate", async () => {
    const w = await world();
    const sub = await subscribe(w);
    const customer = await customerOf(w.workspace.id);
    await settled(customer);
    // The gateway keeps this customer's deliveries: the event reaches the ledger only through the
    // route's first half, as if the process died between the insert and the hand-off.
    gw.server.control.holdCustomer(customer);
    let eventId = "";
    try {
      await stripe.subscriptions.update(sub.stripeSubscriptionId, { cancel_at_period_end: true });
      const [event] = (await gw.server.control.events("customer.subscription.updated")).filter((e) => (e.data.object as { customer: string; cancel_at_period_end: boolean }).customer === customer && e.data.object.cancel_at_period_end === true);
      const payload = JSON.stringify(event);
      const ingested = await ingestStripeWebhook({ rawBody: payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_DEV_WEBHOOK_SECRET }) }, db);
      expect(ingested).toMatchObject({ eventId: event!.id, duplicate: false });
      eventId = event!.id;
      const row = async () => (await db.select().from(billingWebhookEvents).where(eq(billingWebhookEvents.id, event!.id)))[0]!;
      expect((await row()).status).toBe("received");
      expect((await subOf(w.workspace.id))!.cancelAtPeriodEnd).toBe(false);

      // Younger than a minute: a hand-off may still be on its way, so the reconciler leaves it.
      await processStaleWebhookEvents(db);
      expect((await row()).status).toBe("received");
      const { processed } = await processStaleWebhookEvents(db, new Date(Date.now() + 120_000));
      expect(processed).toBeGreaterThanOrEqual(1);
      expect(await row()).toMatchObject({ status: "processed", workspaceId: w.workspace.id, attempts: 1 });
      expect((await subOf(w.workspace.id))!.cancelAtPeriodEnd).toBe(true);
    } finally {
      const released = await gw.server.control.releaseCustomer(customer);
      expect(released.map((r) => r.status)).toEqual(released.map(() => 200));
    }
    // The gateway's own delivery of the same event, released now, was a duplicate: not processed again.
    await settled(customer);
    expect((await db.select().from(billingWebhookEvents).where(eq(billingWebhookEvents.id, eventId)))).toEqual([expect.objectContaining({ status: "processed", attempts: 1 })]);
  });
});

describe("changing the plan", () => {
  it("shows the proration first, then charges exactly that", async () => {
    const w = await world();
    await subscribe(w, "team", CARDS.ok, 2);
    const preview = await previewChange({ workspaceSlug: w.workspace.slug, plan: "team", interval: "month", seats: 5 }, w.actor, db);
    expect(preview.lines.some((l) => l.proration)).toBe(true);
    expect(preview.amountDueCents).toBeGreaterThan(0);
    const result = await changeSubscription({ workspaceSlug: w.workspace.slug, plan: "team", interval: "month", seats: 5, prorationDate: preview.prorationDate }, w.actor, db);
    expect(result).toMatchObject({ kind: "applied", plan: "team", seats: 5 });
    const customer = await customerOf(w.workspace.id);
    const invoices = (await stripe.invoices.list({ customer })).data;
    expect(invoices.some((i) => i.amount_due === preview.amountDueCents && i.status === "paid")).toBe(true);
    expect(await planOf(w.workspace.id)).toEqual({ plan: "team", seats: 5 });
  });

  it("a crash between the gateway call and the database write: no double charge, the reconciler converges", async () => {
    const w = await world();
    await subscribe(w, "team", CARDS.ok, 2);
    gw.server.control.setWebhookEndpoint(null); // only the reconciler may finish the job
    // Restored however this ends: the later tests wait for webhooks to be delivered.
    onTestFinished(() => gw.server.control.setWebhookEndpoint({ url: gw.webhookUrl, secret: STRIPE_DEV_WEBHOOK_SECRET }));
    const customer = await customerOf(w.workspace.id);
    const preview = await previewChange({ workspaceSlug: w.workspace.slug, plan: "team", interval: "month", seats: 6 }, w.actor, db);
    const input = { workspaceSlug: w.workspace.slug, plan: "team" as const, interval: "month" as const, seats: 6, prorationDate: preview.prorationDate };
    const output = await runChild(JSON.stringify({ input, actor: w.actor }));
    expect(output.code).toBe(137);
    expect(output.stdout).toContain("gatewayAnswered");
    const [intent] = await db.select().from(billingIntents).where(and(eq(billingIntents.workspaceId, w.workspace.id), eq(billingIntents.kind, "change_subscription")));
    expect(intent).toMatchObject({ status: "pending" });
    expect(await subOf(w.workspace.id)).toMatchObject({ seats: 2 }); // the write never happened
    const invoicesAfterCrash = (await stripe.invoices.list({ customer })).data.length;
    const settled = await settlePendingIntents(db, new Date(Date.now() + 60_000));
    expect(settled.succeeded).toBeGreaterThanOrEqual(1);
    expect((await db.select().from(billingIntents).where(eq(billingIntents.id, intent!.id)))[0]).toMatchObject({ status: "succeeded" });
    expect((await stripe.invoices.list({ customer })).data.length).toBe(invoicesAfterCrash); // replayed, not charged again
    expect(await subOf(w.workspace.id)).toMatchObject({ seats: 6 });
    expect(await planOf(w.workspace.id)).toEqual({ plan: "team", seats: 6 });
  }, CHILD_TEST_TIMEOUT_MS);
});

describe("cancel and resume", () => {
  it("cancel then resume renews, and stays so after every webhook is handled; a repeat from a stale page is a 409 naming the state", async () => {
    const w = await world();
    await subscribe(w, "team");
    const customer = await customerOf(w.workspace.id);
    expect(await setCancelAtPeriodEnd({ cancel: true }, w.actor, db)).toMatchObject({ cancelAtPeriodEnd: true });
    // A second tab's Cancel, or a Resume that overtook it, must not be a silent "done".
    await expect(setCancelAtPeriodEnd({ cancel: true }, w.actor, db)).rejects.toMatchObject({ code: "CONFLICT", userMessage: expect.stringContaining("already set to end") });
    expect(await setCancelAtPeriodEnd({ cancel: false }, w.actor, db)).toMatchObject({ cancelAtPeriodEnd: false });
    await expect(setCancelAtPeriodEnd({ cancel: false }, w.actor, db)).rejects.toMatchObject({ code: "CONFLICT", userMessage: expect.stringContaining("nothing to resume") });
    await settled(customer);
    expect(await subOf(w.workspace.id)).toMatchObject({ cancelAtPeriodEnd: false, status: "active" });
    expect((await stripe.subscriptions.list({ customer })).data[0]).toMatchObject({ cancel_at_period_end: false });
  });
});

describe("staff credit", () => {
  it("goes through an intent and lands once as customer balance", async () => {
    const w = await world();
    await subscribe(w);
    const staff = await createUser(db, nextRandom(), { staffRole: "admin" });
    const result = await grantCredit({ workspaceSlug: w.workspace.slug, amountCents: 1_500, reason: "Sorry for the outage" }, { userId: staff.id, email: staff.email, ip: "127.0.0.1" }, db);
    expect(result).toMatchObject({ status: "succeeded", message: null });
    const customer = await customerOf(w.workspace.id);
    expect((await stripe.customers.retrieve(customer)) as { balance: number }).toMatchObject({ balance: -1_500 });
    const view = await getStaffBilling({ workspaceSlug: w.workspace.slug }, { userId: staff.id }, db);
    expect(view.creditGrants).toMatchObject([{ amountCents: 1_500, reason: "Sorry for the outage", settled: true }]);
    expect(view.intents.find((i) => i.kind === "credit_grant")).toMatchObject({ status: "succeeded" });
    expect(view.webhookEvents.length).toBeGreaterThan(0);
    // The billing history from the gateway: the first invoice, paid, with its hosted page.
    const invoices = await listStaffInvoices({ workspaceSlug: w.workspace.slug }, { userId: staff.id }, db);
    expect(invoices).toEqual([expect.objectContaining({ status: "paid", amountPaidCents: 2_900, hostedUrl: expect.stringContaining(gw.server.url) })]);
    await expect(listStaffInvoices({ workspaceSlug: "no-such-workspace" }, { userId: staff.id }, db)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The reconciler finds nothing left to do: no second credit.
    await settlePendingIntents(db, new Date(Date.now() + 60_000));
    expect((await stripe.customers.retrieve(customer)) as { balance: number }).toMatchObject({ balance: -1_500 });
  });
});

describe("dunning", () => {
  it("a failed renewal → past_due with an email → grace ends → Free; paying later restores the plan", async () => {
    const w = await world();
    await subscribe(w, "pro", CARDS.failsOnRenewal);
    const customer = await customerOf(w.workspace.id);
    await gw.server.control.advanceCustomer(customer, 32);
    await expect.poll(async () => (await subOf(w.workspace.id))?.status, { timeout: 15_000 }).toBe("past_due");
    const sub = (await subOf(w.workspace.id))!;
    // The grace period runs on the subscription's clock: 7 days from where the clock failed the renewal.
    const clock = await stripe.testHelpers.testClocks.retrieve((await stripe.customers.retrieve(customer) as { test_clock: string }).test_clock);
    expect(sub.graceEndsAt!.getTime()).toBe(clock.frozen_time * 1000 + 7 * 86_400_000);
    expect((await planOf(w.workspace.id)).plan).toBe("pro"); // still entitled during grace
    await expect.poll(async () => (await db.select().from(devMailbox).where(eq(devMailbox.to, w.owner.email))).some((m) => m.subject.startsWith("Payment failed"))).toBe(true);
    // Eight wall-clock days on are still inside the clock's grace period: nothing to expire.
    expect(await expireGracePeriods(db, new Date(Date.now() + 8 * 86_400_000))).toEqual({ downgraded: 0 });
    expect((await planOf(w.workspace.id)).plan).toBe("pro");

    // Eight days on the clock: the retry fails again, and its webhook's sync finds the grace period over.
    await gw.server.control.advanceCustomer(customer, 8);
    await expect.poll(async () => (await planOf(w.workspace.id)).plan, { timeout: 15_000 }).toBe("free");

    const open = (await stripe.invoices.list({ customer, status: "open" })).data[0]!;
    const paid = await submit(open.hosted_invoice_url!, { card_number: CARDS.ok, card_expiry: "12 / 34", card_cvc: "123" });
    expect(paid.status).toBeLessThan(400);
    await expect.poll(async () => (await planOf(w.workspace.id)).plan, { timeout: 15_000 }).toBe("pro");
    expect(await subOf(w.workspace.id)).toMatchObject({ status: "active", graceEndsAt: null });
  });
});

function runChild(arg: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "crash-child.ts"), arg], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
