import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { memberships, workspaces } from "@/server/db/schema";

export async function collectMemberships(db: DbOrTx, userId: string) {
  return db
    .select({
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name, personal: workspaces.personal, createdAt: workspaces.createdAt },
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
}
