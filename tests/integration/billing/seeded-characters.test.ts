/**
 * The seeded characters (issue 13), billing included: after `seedDatabase` and the billing seed
 * through the local Stripe gateway (its webhooks reaching the app's real route), each character
 * signs in with the printed password and sees what they should — the Team plan, the past-due
 * banner's data, the over-quota workspace's 429, the support agent's staff billing view.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "@/features/auth/server/sign-in";
import { seedBillingCharacters } from "@/features/billing/server/seed-billing";
import { PLANS } from "@/lib/plans";
import { sessionCookieName } from "@/server/auth/cookies";
import { db } from "@/server/db/client";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { billingCustomers, billingSubscriptions, workspaces } from "@/server/db/schema";
import { OPERATOR_WORKSPACE, seedDatabase } from "@/server/db/seed";
import { PAST_DUE_WORKSPACE, QUOTA_WORKSPACE, seededCharacter, type SeededCharacterKey } from "@/server/db/seed-characters";
import { stripeClient } from "@/server/stripe/client";
import { api, issueKey } from "../../support/api";
import { callerWithHeaders } from "../../support/callers";
import { gatewayForFile } from "./gateway";

gatewayForFile();
const DAY = 86_400_000;
let seededAt: Date;
let firstRun: string[];

beforeAll(async () => {
  await seedDatabase(db);
  seededAt = new Date();
  firstRun = await seedBillingCharacters(db, seededAt);
});

/** Signs in through the real operation with the password `npm run dev` prints; a caller with that session's cookie. */
async function signInAs(key: SeededCharacterKey) {
  const result = await signIn({ email: seededCharacter(key).email, password: FACTORY_PASSWORD }, { ip: "127.0.0.1", userAgent: "vitest", currentSessionId: null }, db);
  if (result.kind !== "signed_in") throw new Error(`${key}: ${result.kind}`);
  return callerWithHeaders({ cookie: `${sessionCookieName()}=${result.session.token}` });
}

const workspaceBySlug = async (slug: string) => (await db.select().from(workspaces).where(eq(workspaces.slug, slug)))[0]!;
const subscriptionOf = async (workspaceId: string) => (await db.select().from(billingSubscriptions).where(eq(billingSubscriptions.workspaceId, workspaceId)))[0] ?? null;

describe("seeded characters", () => {
  it("the owner on a paid plan: Groundwork on Team, active, its payment method on file", async () => {
    expect(firstRun[0]).toBe("Groundwork: Team (5 seats), active");
    const owner = await signInAs("owner");
    const mine = await owner.billing.mine();
    expect(mine.find((w) => w.slug === OPERATOR_WORKSPACE.slug)).toMatchObject({ plan: "team", role: "owner", pastDue: false });
    expect(mine.some((w) => w.pastDue)).toBe(false);
    const overview = await owner.billing.overview({ workspaceSlug: OPERATOR_WORKSPACE.slug });
    expect(overview).toMatchObject({ plan: "team", subscription: { status: "active", seats: 5, paymentMethod: { brand: "visa", last4: "4242" } } });
  });

  it("the member sees the Team plan, and not the billing page (owners pay, admins look)", async () => {
    const member = await signInAs("member");
    expect((await member.billing.mine()).find((w) => w.slug === OPERATOR_WORKSPACE.slug)).toMatchObject({ plan: "team", role: "member", pastDue: false });
    await expect(member.billing.overview({ workspaceSlug: OPERATOR_WORKSPACE.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("the past-due owner: Pro kept during a 7-day grace period from the failed renewal, the banner's data", async () => {
    expect(firstRun[1]).toMatch(/^Lapsed Labs: Pro, past_due until /);
    const pastDue = await signInAs("past-due");
    const [lapsed] = await pastDue.billing.mine();
    expect(lapsed).toMatchObject({ slug: PAST_DUE_WORKSPACE.slug, plan: "pro", role: "owner", pastDue: true });
    // The test clock was moved to the seeding time, so the grace period runs from then.
    expect(lapsed!.graceEndsAt!.getTime()).toBeGreaterThanOrEqual(seededAt.getTime() + 7 * DAY - 1000);
    expect(lapsed!.graceEndsAt!.getTime()).toBeLessThanOrEqual(seededAt.getTime() + 7 * DAY + 60_000);
    // The gateway agrees: one subscription, past due, with the failed renewal's invoice open.
    const workspace = await workspaceBySlug(PAST_DUE_WORKSPACE.slug);
    const customer = (await db.select().from(billingCustomers).where(eq(billingCustomers.workspaceId, workspace.id)))[0]!.stripeCustomerId;
    const subs = await stripeClient().subscriptions.list({ customer, status: "all" });
    expect(subs.data.map((s) => s.status)).toEqual(["past_due"]);
    expect((await stripeClient().invoices.list({ customer, status: "open" })).data).toHaveLength(1);
  });

  it("the free workspace over its quota: the REST API answers 429 naming the billing page", async () => {
    const quota = await signInAs("over-quota");
    expect((await quota.billing.mine()).find((w) => w.slug === QUOTA_WORKSPACE.slug)).toMatchObject({ plan: "free", pastDue: false });
    const workspace = await workspaceBySlug(QUOTA_WORKSPACE.slug);
    const owner = seededCharacter("over-quota");
    const ownerRow = (await db.query.users.findFirst({ where: (u, { eq: is }) => is(u.email, owner.email) }))!;
    const { secret } = await issueKey(ownerRow, workspace, "owner");
    const refused = await api("GET", "/api/v1/me", { key: secret });
    expect(refused.status).toBe(429);
    expect(refused.body.error!.message).toContain(`/w/${QUOTA_WORKSPACE.slug}/billing`);
    expect(PLANS[workspace.plan as "free"].overageCentsPer1000).toBeNull();
  });

  it("the support agent reads a workspace's billing (staff view) but may not grant credit", async () => {
    const support = await signInAs("support");
    const view = await support.staffBilling.workspace({ workspaceSlug: PAST_DUE_WORKSPACE.slug });
    expect(view).toMatchObject({ subscription: { status: "past_due", plan: "pro" } });
    expect(view.intents.map((i) => i.kind)).toContain("checkout");
    await expect(support.staffBilling.grantCredit({ workspaceSlug: PAST_DUE_WORKSPACE.slug, amountCents: 500, reason: "Sorry for the trouble" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("seeding again changes nothing: no second checkout, no second subscription", async () => {
    const again = await seedBillingCharacters(db);
    expect(again).toEqual(["Groundwork: already Team, active", "Lapsed Labs: already Pro, past_due"]);
    const seeded = await seedDatabase(db);
    expect(Object.values(seeded.inserted).every((n) => n === 0)).toBe(true);
    for (const slug of [OPERATOR_WORKSPACE.slug, PAST_DUE_WORKSPACE.slug]) {
      const workspace = await workspaceBySlug(slug);
      expect(await subscriptionOf(workspace.id)).not.toBeNull();
      const customer = (await db.select().from(billingCustomers).where(eq(billingCustomers.workspaceId, workspace.id)))[0]!.stripeCustomerId;
      expect((await stripeClient().subscriptions.list({ customer, status: "all" })).data).toHaveLength(1);
    }
  });
});

