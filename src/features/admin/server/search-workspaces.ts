import "server-only";
import { and, desc, eq, lt, sql, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { workspaces } from "@/server/db/schema";
import { decodeCursor, encodeCursor } from "@/features/feedback/server/cursor";
import type { searchInput, WorkspaceHit } from "../schemas";
import { anyMatch, idIn, newestFirst, RECENT_WALK, trigramMatch, type Match } from "./search-contains";
import { trigramFrequencies, type TrigramFrequencies } from "./search-needle";
import { isUuid } from "./search-terms";

const workspaceCursor = z.object({ id: z.uuid() });
const members = sql<number>`(select count(*)::int from memberships m where m.workspace_id = ${workspaces.id})`;
const select = { id: workspaces.id, slug: workspaces.slug, name: workspaces.name, plan: workspaces.plan, personal: workspaces.personal, members, createdAt: workspaces.createdAt };
/** What a slug can hold (the workspaces_slug_format check): a query with anything else is in no slug. */
const SLUG_TEXT = /^[a-z0-9-]{1,40}$/;

/**
 * Staff search by name, slug or id, newest first (keyset on id). The exact slug, when there
 * is one, leads the first page; names and slugs containing the query are found as users' are
 * (`search-contains.ts`).
 */
export async function searchWorkspaces(input: z.output<typeof searchInput>, db: DbOrTx, trigrams?: TrigramFrequencies): Promise<{ items: WorkspaceHit[]; nextCursor: string | null }> {
  const q = input.query.toLowerCase();
  const listKey = { list: "admin.workspaces", q };
  const after = decodeCursor(input.cursor, workspaceCursor, listKey);
  if (isUuid(q)) return { items: after ? [] : await db.select(select).from(workspaces).where(eq(workspaces.id, q)), nextCursor: null };

  const below = after ? lt(workspaces.id, after.id) : undefined;
  const want = input.limit + 1;
  let rows: WorkspaceHit[];
  let exact: WorkspaceHit[] = [];
  if (q === "") rows = await db.select(select).from(workspaces).where(below).orderBy(desc(workspaces.id)).limit(want);
  else {
    const frequencies = trigrams ?? (await trigramFrequencies(db));
    const matching = (t: { slug: SQLWrapper; name: SQLWrapper }): Match => {
      const name = trigramMatch(sql`lower(${t.name})`, q, frequencies.workspaceName);
      if (!SLUG_TEXT.test(q)) return name;
      const match = anyMatch([trigramMatch(t.slug, q, frequencies.workspaceSlug), name]);
      return { ...match, condition: sql`(${t.slug} <> ${q} and ${match.condition})` };
    };
    [exact, rows] = await Promise.all([
      after ? Promise.resolve([]) : db.select(select).from(workspaces).where(eq(workspaces.slug, q)),
      newestFirst(matching(workspaces), want, {
        walk: () => {
          const recent = db.select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name }).from(workspaces).where(below).orderBy(desc(workspaces.id)).limit(RECENT_WALK).as("recent");
          return db.select(select).from(recent).innerJoin(workspaces, eq(workspaces.id, recent.id)).where(matching(recent).condition).orderBy(desc(recent.id)).limit(want);
        },
        lookUp: () => {
          const found = db.select({ id: workspaces.id }).from(workspaces).where(and(matching(workspaces).condition, below));
          return db.select(select).from(workspaces).where(idIn(workspaces.id, found)).orderBy(desc(workspaces.id)).limit(want);
        },
      }),
    ]);
  }
  const items = rows.slice(0, input.limit);
  const nextCursor = rows.length > input.limit ? encodeCursor({ id: items[items.length - 1]!.id }, listKey) : null;
  // The exact slug leads the first page (pages after it keep their size).
  return { items: [...exact, ...items], nextCursor };
}
