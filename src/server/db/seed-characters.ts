/**
 * The seeded characters: one account per situation a reviewer wants to see (a preview's
 * one-click sign-in and `npm run smoke` use them). Their own seeded sequence, so adding one
 * never moves the demo rows' ids. The paid-plan owner and the workspace whose payment failed
 * arrive with billing.
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
  { key: "owner", email: "demo@groundwork.test", displayName: "Demo User", staffRole: null, description: "Owner of “Demo workspace” and “Groundwork”" },
  { key: "support", email: "support@groundwork.test", displayName: "Sam Support", staffRole: "support", description: "Support agent (staff: support)" },
  { key: "member", email: "member@groundwork.test", displayName: "Mia Member", staffRole: null, description: "Member of “Groundwork”" },
  { key: "over-quota", email: "quota@groundwork.test", displayName: "Quinn Quota", staffRole: null, description: "Owner of “Quota Labs”, a free workspace over its API quota" },
  { key: "product", email: "product@groundwork.test", displayName: "Pat Product", staffRole: "product", description: "Product team (staff: product) — opens /admin/previews" },
] as const satisfies readonly SeededCharacter[];

export const QUOTA_WORKSPACE = { slug: "quota-labs", name: "Quota Labs" } as const;

const AT = new Date(Date.UTC(2026, 0, 2, 9));

/** The characters added after the first two; `operatorWorkspaceId` is Groundwork's. */
export async function seedExtraCharacters(tx: DbOrTx, random = createRandom(20_261_124 + 7), operatorWorkspaceId: string, now = new Date()) {
  const extra = SEEDED_CHARACTERS.slice(2);
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
  return { users: u.length, workspaces: w.length, memberships: m.length };
}
