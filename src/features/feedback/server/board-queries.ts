import "server-only";
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { feedbackBoards, feedbackTags, memberships, type WorkspaceRole } from "@/server/db/schema";

/** Boards of a workspace the viewer may read (every board for members, public ones otherwise), with the viewer's role. */
export async function selectReadableBoards(db: DbOrTx, workspaceId: string, viewerId: string | null) {
  const role = viewerId
    ? sql<WorkspaceRole | null>`(select ${memberships.role} from ${memberships} where ${memberships.workspaceId} = ${workspaceId}::uuid and ${memberships.userId} = ${viewerId}::uuid)`
    : sql<WorkspaceRole | null>`null::text`;
  const rows = await db
    .select({ board: feedbackBoards, role })
    .from(feedbackBoards)
    .where(and(eq(feedbackBoards.workspaceId, workspaceId), or(eq(feedbackBoards.visibility, "public"), sql`${role} is not null`)))
    .orderBy(asc(feedbackBoards.name), asc(feedbackBoards.id));
  return rows;
}

/** Tags of several boards in one query. */
export async function selectTags(db: DbOrTx, boardIds: string[]) {
  if (boardIds.length === 0) return [];
  return db
    .select({ boardId: feedbackTags.boardId, slug: feedbackTags.slug, name: feedbackTags.name })
    .from(feedbackTags)
    .where(inArray(feedbackTags.boardId, boardIds))
    .orderBy(asc(feedbackTags.name));
}

export async function insertBoard(db: DbOrTx, values: typeof feedbackBoards.$inferInsert) {
  const [row] = await db.insert(feedbackBoards).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateBoardRow(db: DbOrTx, where: { workspaceId: string; boardId: string }, values: Pick<typeof feedbackBoards.$inferInsert, "name" | "description" | "visibility">) {
  const [row] = await db
    .update(feedbackBoards)
    .set(values)
    .where(and(eq(feedbackBoards.id, where.boardId), eq(feedbackBoards.workspaceId, where.workspaceId)))
    .returning();
  return row!;
}

export async function insertTag(db: DbOrTx, values: typeof feedbackTags.$inferInsert) {
  const [row] = await db.insert(feedbackTags).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function deleteTagRow(db: DbOrTx, where: { workspaceId: string; boardId: string; slug: string }) {
  const rows = await db
    .delete(feedbackTags)
    .where(and(eq(feedbackTags.boardId, where.boardId), eq(feedbackTags.workspaceId, where.workspaceId), eq(feedbackTags.slug, where.slug)))
    .returning({ slug: feedbackTags.slug });
  return rows.length > 0;
}
