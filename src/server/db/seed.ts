/** Demo data for a fresh install; idempotent (fixed seed → fixed ids → ON CONFLICT DO NOTHING). */
import { createRandom } from "@/lib/random";
import type { DbOrTx } from "./client";
import { buildPing, buildUser, FACTORY_PASSWORD, seededId } from "./factories";
import { diagnosticPings, memberships, users, workspaces } from "./schema";

export const SEED = 20_261_124;

const DEMO_AT = new Date(Date.UTC(2026, 0, 1, 9));

const DEMO_ACCOUNTS = [
  { email: "demo@groundwork.test", displayName: "Demo User", staffRole: null, role: "user, owner of “Demo workspace”" },
  { email: "support@groundwork.test", displayName: "Sam Support", staffRole: "support", role: "staff: support" },
] as const;

/** Printed by `npm run dev`; the seeder creates exactly these accounts. */
export const DEMO_LOGINS: Array<{ email: string; password: string; role: string }> = DEMO_ACCOUNTS.map((a) => ({
  email: a.email,
  password: FACTORY_PASSWORD,
  role: a.role,
}));

export type SeedReport = { inserted: Record<string, number> };

export async function seedDatabase(db: DbOrTx): Promise<SeedReport> {
  const random = createRandom(SEED);
  // Pings first: their ids come from the start of the seeded sequence and must not move.
  const pings = Array.from({ length: 5 }, () => buildPing(random));
  const insertedPings = await db.insert(diagnosticPings).values(pings).onConflictDoNothing().returning({ id: diagnosticPings.id });

  const accounts = await Promise.all(
    DEMO_ACCOUNTS.map((a, i) =>
      buildUser(random, { email: a.email, displayName: a.displayName, staffRole: a.staffRole, createdAt: new Date(DEMO_AT.getTime() + i * 60_000) }),
    ),
  );
  const workspace = { id: seededId(random, DEMO_AT), name: "Demo workspace", slug: "demo-workspace", personal: true, createdAt: DEMO_AT, updatedAt: DEMO_AT };

  // One transaction: the workspace must have its owner by commit (a deferred constraint).
  return db.transaction(async (tx) => {
    const insertedUsers = await tx.insert(users).values(accounts).onConflictDoNothing().returning({ id: users.id });
    const insertedWorkspaces = await tx.insert(workspaces).values(workspace).onConflictDoNothing().returning({ id: workspaces.id });
    const insertedMemberships = await tx
      .insert(memberships)
      .values({ workspaceId: workspace.id, userId: accounts[0]!.id, role: "owner", createdAt: DEMO_AT, updatedAt: DEMO_AT })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    return {
      inserted: {
        diagnosticPings: insertedPings.length,
        users: insertedUsers.length,
        workspaces: insertedWorkspaces.length,
        memberships: insertedMemberships.length,
      },
    };
  });
}
