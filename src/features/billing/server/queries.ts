import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { PlanId } from "@/lib/plans";
import type { DbOrTx } from "@/server/db/client";
import { feedbackBoards, invites, memberships, workspaces } from "@/server/db/schema";

// Qualified by hand: inside a subquery drizzle renders `workspaces.id` as a bare "id", which
// would bind to the subquery's own table.
const WORKSPACE_ID = sql.raw(`"workspaces"."id"`);
const COUNTS = {
  members: sql<number>`((select count(*) from ${memberships} where ${memberships.workspaceId} = ${WORKSPACE_ID})
    + (select count(*) from ${invites} where ${and(eq(invites.workspaceId, WORKSPACE_ID), isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, sql`now()`))}))::int`,
  memberships: sql<number>`(select count(*) from ${memberships} where ${memberships.workspaceId} = ${WORKSPACE_ID})::int`,
  boards: sql<number>`(select count(*) from ${feedbackBoards} where ${feedbackBoards.workspaceId} = ${WORKSPACE_ID})::int`,
};

/**
 * The workspace's plan, seats and how many of `what` it has, locking the workspace row so two
 * concurrent additions can't both pass the check (callers run it inside their transaction).
 */
export async function selectLimitUsage(db: DbOrTx, workspaceId: string, what: keyof typeof COUNTS) {
  const count = COUNTS[what];
  const [row] = await db
    .select({ plan: workspaces.plan, seats: workspaces.seats, name: workspaces.name, slug: workspaces.slug, used: count })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for("update", { of: workspaces });
  return row ? { ...row, plan: row.plan as PlanId } : null;
}

/** The workspace's effective plan and seats with its member and board counts, in one query. */
export async function selectPlanAndCounts(db: DbOrTx, workspaceId: string): Promise<{ plan: PlanId; seats: number | null; counts: { members: number; boards: number } } | null> {
  const [row] = await db.select({ plan: workspaces.plan, seats: workspaces.seats, members: COUNTS.memberships, boards: COUNTS.boards }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row ? { plan: row.plan as PlanId, seats: row.seats, counts: { members: row.members, boards: row.boards } } : null;
}
