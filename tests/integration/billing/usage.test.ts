/**
 * The usage cron on the local gateway: overage past the included requests is reported to the
 * meter as deltas (each an intent whose id is the meter event's identifier), shows on the next
 * invoice preview, and 80% / 100% warnings go out once per period.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reportApiUsage } from "@/features/billing/server/report-api-usage";
import { startCheckout } from "@/features/billing/server/start-checkout";
import { API_METER_EVENT, billingPeriodStart, PLANS } from "@/lib/plans";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { apiUsagePeriods, billingCustomers, billingIntents, devMailbox, notifications, workspaces } from "@/server/db/schema";
import { stripeClient } from "@/server/stripe/client";
import { actorFor, nextRandom } from "../../support/api";
import { CARDS, payCheckout } from "../stripe-dev/harness";
import { gatewayForFile } from "./gateway";

gatewayForFile();
const stripe = stripeClient();

const period = billingPeriodStart(new Date());
const setUsage = (workspaceId: string, requests: number) =>
  db.insert(apiUsagePeriods).values({ workspaceId, periodStart: period, requests }).onConflictDoUpdate({ target: [apiUsagePeriods.workspaceId, apiUsagePeriods.periodStart], set: { requests } });

async function meterTotal(customer: string) {
  const meter = (await stripe.billing.meters.list({ limit: 100 })).data.find((m) => m.event_name === API_METER_EVENT)!;
  const now = Math.floor(Date.now() / 1000);
  const summaries = (await stripe.billing.meters.listEventSummaries(meter.id, { customer, start_time: now - 40 * 86_400, end_time: now + 86_400 })).data;
  return summaries.reduce((n, s) => n + s.aggregated_value, 0);
}

describe("usage reporting", () => {
  it("reports only new overage, once, and it shows on the next invoice preview; warnings go out once", async () => {
    const random = nextRandom();
    const owner = await createUser(db, random);
    const ws = await createWorkspaceWithMembers(db, random, { owner });
    const { url } = await startCheckout({ workspaceSlug: ws.slug, plan: "pro", interval: "month", seats: 1 }, actorFor(owner, ws, "owner"), db);
    expect((await payCheckout(url, CARDS.ok)).redirect).toBeTruthy();
    await expect.poll(async () => (await db.select({ plan: workspaces.plan }).from(workspaces).where(eq(workspaces.id, ws.id)))[0]!.plan, { timeout: 15_000 }).toBe("pro");
    const customer = (await db.select().from(billingCustomers).where(eq(billingCustomers.workspaceId, ws.id)))[0]!.stripeCustomerId;
    const included = PLANS.pro.monthlyApiRequests;

    await setUsage(ws.id, included + 2_500);
    const first = await reportApiUsage(db);
    expect(first.warned).toBeGreaterThanOrEqual(2); // 80% and 100% for this workspace
    expect(await meterTotal(customer)).toBe(2_500);
    expect(await reportApiUsage(db)).toMatchObject({ warned: 0 }); // nothing new: no report, no warning
    expect(await meterTotal(customer)).toBe(2_500);

    await setUsage(ws.id, included + 3_000);
    await reportApiUsage(db);
    expect(await meterTotal(customer)).toBe(3_000);
    const reports = await db.select().from(billingIntents).where(and(eq(billingIntents.workspaceId, ws.id), eq(billingIntents.kind, "usage_report")));
    expect(reports.map((r) => [r.status, (r.request as { value: number }).value])).toEqual([["succeeded", 2_500], ["succeeded", 500]]);

    const [sub] = (await stripe.subscriptions.list({ customer })).data;
    const preview = await stripe.invoices.createPreview({ customer, subscription: sub!.id });
    const overageLine = preview.lines.data.find((l) => l.amount === Math.round(3_000 * (PLANS.pro.overageCentsPer1000! / 1000)));
    expect(overageLine, JSON.stringify(preview.lines.data.map((l) => [l.description, l.amount]))).toBeTruthy();

    const notes = await db.select().from(notifications).where(and(eq(notifications.userId, owner.id), eq(notifications.type, "billing.usage")));
    expect(notes.map((n) => n.title).sort()).toEqual([`${ws.name} has used 100% of its API requests`, `${ws.name} has used 80% of its API requests`]);
    expect(notes.map((n) => n.workspaceId)).toEqual([ws.id, ws.id]);
    const mails = await db.select().from(devMailbox).where(eq(devMailbox.to, owner.email));
    expect(mails.filter((m) => m.subject.includes("of its API requests"))).toHaveLength(2);
  });

  it("Free gets the 80% warning and no meter report", async () => {
    const random = nextRandom();
    const owner = await createUser(db, random);
    const ws = await createWorkspaceWithMembers(db, random, { owner });
    await setUsage(ws.id, PLANS.free.monthlyApiRequests * 0.85);
    await reportApiUsage(db);
    const notes = await db.select().from(notifications).where(and(eq(notifications.userId, owner.id), eq(notifications.type, "billing.usage")));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain("At 100% API requests stop");
    expect(await db.$count(billingIntents, eq(billingIntents.workspaceId, ws.id))).toBe(0);
  });
});
