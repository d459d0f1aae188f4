/**
 * The seeded characters: one account per situation a reviewer wants to see (a preview's
 * one-click sign-in and `npm run smoke` use them). Their own seeded sequence, so adding one
 * never moves the demo rows' ids. Their billing (Groundwork on Team, Lapsed Labs past due) is
 * made through the gateway by `seed-billing.ts`, after these rows exist.
 */
import { createRandom } from "@/lib/random";
import { billingPeriodStart, PLANS } from "@/lib/plans";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "./client";
import { buildUser, seededId } from "./factories";
import { apiUsagePeriods, memberships, users, workspaces } from "./schema";

export type SeededCharacter = { key: string; email: string; displayName: string; staffRole: "support" | "product" | "admin" | null; description: string };

/** The demo owner and support agent come first: they are the seeder's original two accounts. */
export const SEEDED_CHARACTERS = [
  { key: "owner", email: "demo@groundwork.test", displayName: "Demo User", staffRole: null, description: "Owner of “Groundwork”, on the Team plan (and of “Demo workspace”)" },
  { key: "support", email: "support@groundwork.test", displayName: "Sam Support", staffRole: "support", description: "Support agent (staff: support)" },
  { key: "member", email: "member@groundwork.test", displayName: "Mia Member", staffRole: null, description: "Member of “Groundwork” (Team plan)" },
  { key: "over-quota", email: "quota@groundwork.test", displayName: "Quinn Quota", staffRole: null, description: "Owner of “Quota Labs”, a free workspace over its API quota" },
  { key: "product", email: "product@groundwork.test", displayName: "Pat Product", staffRole: "product", description: "Product team (staff: product) — opens /admin/previews" },
  { key: "past-due", email: "pastdue@groundwork.test", displayName: "Parker Pastdue", staffRole: null, description: "Owner of “Lapsed Labs”, on Pro, whose renewal payment failed (past due)" },
] as const satisfies readonly SeededCharacter[];

export type SeededCharacterKey = (typeof SEEDED_CHARACTERS)[number]["key"];
export const seededCharacter = (key: SeededCharacterKey) => SEEDED_CHARACTERS.find((c) => c.key === key)!;

export const QUOTA_WORKSPACE = { slug: "quota-labs", name: "Quota Labs" } as const;
export const PAST_DUE_WORKSPACE = { slug: "lapsed-labs", name: "Lapsed Labs" } as const;

const AT = new Date(Date.UTC(2026, 0, 2, 9));

/** The characters added after the first two; `operatorWorkspaceId` is Groundwork's. */
export async function seedExtraCharacters(tx: DbOrTx, random = createRandom(20_261_124 + 7), operatorWorkspaceId: string, now = new Date()) {
  // This sequence's draws, in this order, fix these rows' ids: later characters get their own.
  const extra = (["member", "over-quota", "product"] as const).map(seededCharacter);
  const accounts = await Promise.all(
    extra.map((c, i) => buildUser(random, { email: c.email, displayName: c.displayName, staffRole: c.staffRole, createdAt: new Date(AT.getTime() + i * 60_000) })),
  );
  const byKey = Object.fromEntries(extra.map((c, i) => [c.key, accounts[i]!])) as Record<(typeof extra)[number]["key"], (typeof accounts)[number]>;
  const quota = { id: seededId(random, AT), ...QUOTA_WORKSPACE, personal: false, createdAt: AT, updatedAt: AT };

  const u = await tx.insert(users).values(accounts).onConflictDoNothing().returning({ id: users.id });
  const w = await tx.insert(workspaces).values(quota).onConflictDoNothing().returning({ id: workspaces.id });
  const m = await tx
    .insert(memberships)
    .values([
      { workspaceId: operatorWorkspaceId, userId: byKey.member.id, role: "member" as const, createdAt: AT, updatedAt: AT },
      { workspaceId: quota.id, userId: byKey["over-quota"].id, role: "owner" as const, createdAt: AT, updatedAt: AT },
    ])
    .onConflictDoNothing()
    .returning({ userId: memberships.userId });
  // The current period's count at the free plan's limit: the next API call is refused.
  const limit = PLANS.free.monthlyApiRequests;
  await tx
    .insert(apiUsagePeriods)
    .values({ workspaceId: quota.id, periodStart: billingPeriodStart(now), requests: limit })
    .onConflictDoUpdate({ target: [apiUsagePeriods.workspaceId, apiUsagePeriods.periodStart], set: { requests: sql`greatest(${apiUsagePeriods.requests}, ${limit})` } });
  const pastDue = await seedPastDueCharacter(tx);
  return { users: u.length + pastDue.users, workspaces: w.length + pastDue.workspaces, memberships: m.length + pastDue.memberships };
}

/** The owner of “Lapsed Labs” (its own sequence); the failed renewal itself is seed-billing's. */
async function seedPastDueCharacter(tx: DbOrTx) {
  const random = createRandom(20_261_124 + 11);
  const at = new Date(AT.getTime() + 3_600_000);
  const c = seededCharacter("past-due");
  const owner = await buildUser(random, { email: c.email, displayName: c.displayName, staffRole: c.staffRole, createdAt: at });
  const workspace = { id: seededId(random, at), ...PAST_DUE_WORKSPACE, personal: false, createdAt: at, updatedAt: at };
  const u = await tx.insert(users).values(owner).onConflictDoNothing().returning({ id: users.id });
  const w = await tx.insert(workspaces).values(workspace).onConflictDoNothing().returning({ id: workspaces.id });
  const m = await tx
    .insert(memberships)
    .values({ workspaceId: workspace.id, userId: owner.id, role: "owner" as const, createdAt: at, updatedAt: at })
    .onConflictDoNothing()
    .returning({ userId: memberships.userId });
  return { users: u.length, workspaces: w.length, memberships: m.length };
}
