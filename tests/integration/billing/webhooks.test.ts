/**
 * The webhook route's synchronous half and the gateway-down path, through the real route
 * handler and the real `stripe` SDK (signatures made by `webhooks.generateTestHeaderString`).
 * The gateway URL points at a loopback port nothing listens on: every gateway call fails to
 * connect, which is exactly "gateway down".
 */
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.STRIPE_DEV_URL = "http://127.0.0.1:9";
});

import { POST } from "@/app/api/webhooks/stripe/route";
import { changeSubscription } from "@/features/billing/server/change-subscription";
import { STRIPE_DEV_WEBHOOK_SECRET } from "@/lib/stripe-dev-keys";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { billingIntents, billingPrices, billingSubscriptions, billingWebhookEvents, workspaces } from "@/server/db/schema";
import { stripeClient } from "@/server/stripe/client";
import { actorFor, nextRandom } from "../../support/api";

const stripe = stripeClient();
let n = 0;

function event(type = "customer.subscription.updated", overrides: Record<string, unknown> = {}) {
  return { id: `evt_test_${Date.now()}_${++n}`, object: "event", api_version: "2026-10-28.endive", created: Math.floor(Date.now() / 1000), type, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object: { id: "sub_x", object: "subscription", customer: "cus_unknown" } }, ...overrides };
}

function deliver(payload: string, signature: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return POST(new Request("http://localhost:3000/api/webhooks/stripe", { method: "POST", headers, body: payload }), {});
}

const signed = (payload: string, opts: { secret?: string; timestamp?: number } = {}) =>
  stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? STRIPE_DEV_WEBHOOK_SECRET, timestamp: opts.timestamp });

const ledgerCount = (id: string) => db.$count(billingWebhookEvents, eq(billingWebhookEvents.id, id));

describe("POST /api/webhooks/stripe", () => {
  it("stores a verified event once and answers 2xx", async () => {
    const payload = JSON.stringify(event("invoice.created"));
    const res = await deliver(payload, signed(payload));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, duplicate: false });
    const id = JSON.parse(payload).id as string;
    // invoice.created changes nothing: recorded as ignored, never dropped silently.
    await expect.poll(async () => (await db.select().from(billingWebhookEvents).where(eq(billingWebhookEvents.id, id)))[0]?.status).toBe("ignored");
  });

  it("a bad signature, another secret, a stale timestamp or no header is 400 and stores nothing", async () => {
    const cases: Array<[string, (p: string) => string | null]> = [
      ["tampered", (p) => signed(p).replace(/v1=([0-9a-f])/, (_m, c: string) => `v1=${c === "0" ? "1" : "0"}`)],
      ["wrong secret", (p) => signed(p, { secret: "whsec_someone_else" })],
      ["stale", (p) => signed(p, { timestamp: Math.floor(Date.now() / 1000) - 600 })],
      ["missing", () => null],
    ];
    for (const [name, sign] of cases) {
      const payload = JSON.stringify(event());
      const res = await deliver(payload, sign(payload));
      expect(res.status, name).toBe(400);
      expect(await ledgerCount(JSON.parse(payload).id), name).toBe(0);
    }
    // A body changed after signing fails too.
    const payload = JSON.stringify(event());
    const res = await deliver(payload.replace("sub_x", "sub_y"), signed(payload));
    expect(res.status).toBe(400);
  });

  it("the same event delivered ten times at once is stored once; the other nine are acknowledged duplicates", async () => {
    const payload = JSON.stringify(event("charge.succeeded"));
    const responses = await Promise.all(Array.from({ length: 10 }, () => deliver(payload, signed(payload))));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ duplicate: boolean }>));
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    expect(await ledgerCount(JSON.parse(payload).id)).toBe(1);
  });
});

describe("gateway down during a plan change", () => {
  it("says so plainly, changes nothing, and leaves the intent pending for the reconciler", async () => {
    const random = nextRandom();
    const owner = await createUser(db, random);
    const ws = await createWorkspaceWithMembers(db, random, { owner });
    await db.update(workspaces).set({ plan: "pro" }).where(eq(workspaces.id, ws.id));
    await db.insert(billingPrices).values(["groundwork_team_month", "groundwork_team_api_overage_month"].map((k) => ({ lookupKey: k, stripePriceId: `price_${k}` }))).onConflictDoNothing();
    const before = {
      workspaceId: ws.id, stripeSubscriptionId: `sub_${ws.id.slice(-8)}`, stripeCustomerId: `cus_${ws.id.slice(-8)}`, plan: "pro" as const, interval: "month" as const,
      status: "active" as const, seats: 1, planItemId: "si_plan", overageItemId: "si_overage",
    };
    await db.insert(billingSubscriptions).values(before);
    const actor = actorFor(owner, ws, "owner");
    const error = await changeSubscription({ workspaceSlug: ws.slug, plan: "team", interval: "month", seats: 5, prorationDate: Math.floor(Date.now() / 1000) }, actor, db).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    expect((error as Error).message).toMatch(/isn't answering.*Nothing has been charged.*keep retrying/);
    const [sub] = await db.select().from(billingSubscriptions).where(eq(billingSubscriptions.workspaceId, ws.id));
    expect(sub).toMatchObject({ plan: "pro", seats: 1, status: "active" });
    expect((await db.select({ plan: workspaces.plan }).from(workspaces).where(eq(workspaces.id, ws.id)))[0]!.plan).toBe("pro");
    const intents = await db.select().from(billingIntents).where(eq(billingIntents.workspaceId, ws.id));
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ kind: "change_subscription", status: "pending", attempts: 1 });
    expect(intents[0]!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // A second click while it is in flight is refused, not queued twice.
    const again = await changeSubscription({ workspaceSlug: ws.slug, plan: "team", interval: "month", seats: 5, prorationDate: Math.floor(Date.now() / 1000) }, actor, db).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: "CONFLICT" });
  });
});
