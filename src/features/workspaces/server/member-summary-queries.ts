import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { memberships, users } from "@/server/db/schema";

/** The newest `limit` members and the total, in one query (the count rides along as a window). */
export async function selectNewestMembers(db: DbOrTx, workspaceId: string, limit: number) {
  return db
    .select({ userId: users.id, displayName: users.displayName, role: memberships.role, total: sql<number>`(count(*) over ())::int` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(desc(memberships.createdAt), desc(users.id))
    .limit(limit);
}
