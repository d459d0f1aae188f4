import "server-only";
import { desc, eq, lt, or, sql, and } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { workspaces } from "@/server/db/schema";
import { decodeCursor, encodeCursor } from "@/features/feedback/server/cursor";
import type { searchInput, WorkspaceHit } from "../schemas";
import { escapeLike, isUuid } from "./search-terms";

const workspaceCursor = z.object({ id: z.uuid() });
const members = sql<number>`(select count(*)::int from memberships m where m.workspace_id = ${workspaces.id})`;

/**
 * Staff search by name, slug or id, newest first (keyset on id). The exact slug, when there
 * is one, leads the first page; names and slugs containing the query use the trigram indexes.
 */
export async function searchWorkspaces(input: z.output<typeof searchInput>, db: DbOrTx): Promise<{ items: WorkspaceHit[]; nextCursor: string | null }> {
  const q = input.query.toLowerCase();
  const listKey = { list: "admin.workspaces", q };
  const after = decodeCursor(input.cursor, workspaceCursor, listKey);
  const select = { id: workspaces.id, slug: workspaces.slug, name: workspaces.name, plan: workspaces.plan, personal: workspaces.personal, members, createdAt: workspaces.createdAt };
  if (isUuid(q)) return { items: after ? [] : await db.select(select).from(workspaces).where(eq(workspaces.id, q)), nextCursor: null };

  const pattern = `%${escapeLike(q)}%`;
  const matches = q === "" ? undefined : and(sql`${workspaces.slug} <> ${q}`, or(sql`${workspaces.slug} like ${pattern}`, sql`lower(${workspaces.name}) like ${pattern}`));
  const [exact, rows] = await Promise.all([
    q !== "" && !after ? db.select(select).from(workspaces).where(eq(workspaces.slug, q)) : Promise.resolve([]),
    db.select(select).from(workspaces).where(and(matches, after ? lt(workspaces.id, after.id) : undefined)).orderBy(desc(workspaces.id)).limit(input.limit + 1),
  ]);
  const items = rows.slice(0, input.limit);
  const nextCursor = rows.length > input.limit ? encodeCursor({ id: items[items.length - 1]!.id }, listKey) : null;
  // The exact slug leads the first page (pages after it keep their size).
  return { items: [...exact, ...items], nextCursor };
}
