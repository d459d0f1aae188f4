import "server-only";
import { and, count, desc, eq, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { notifications } from "@/server/db/schema";

const columns = {
  id: notifications.id,
  type: notifications.type,
  title: notifications.title,
  body: notifications.body,
  link: notifications.link,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};

/**
 * Staff impersonating the user (`impersonated`) don't see notifications about a workspace that
 * turned "Allow support to access this workspace" off; unscoped ones (sign-ins, exports) stay.
 */
const visible = (userId: string, impersonated: boolean) =>
  and(
    eq(notifications.userId, userId),
    impersonated ? sql`(${notifications}.workspace_id is null or exists (select 1 from workspaces w where w.id = ${notifications}.workspace_id and w.allow_support_access))` : undefined,
  );

export async function insertNotification(db: DbOrTx, values: typeof notifications.$inferInsert) {
  const [row] = await db.insert(notifications).values(values).returning(columns);
  return row!;
}

/** Newest first by UUIDv7 id; one row over the limit says whether there is a next page. */
export async function selectNotificationsPage(db: DbOrTx, userId: string, opts: { limit: number; cursor?: string | null; impersonated: boolean }) {
  return db
    .select(columns)
    .from(notifications)
    .where(and(visible(userId, opts.impersonated), opts.cursor ? lt(notifications.id, opts.cursor) : undefined))
    .orderBy(desc(notifications.id))
    .limit(opts.limit + 1);
}

export async function countUnread(db: DbOrTx, userId: string, impersonated = false): Promise<number> {
  const [row] = await db.select({ count: count() }).from(notifications).where(and(visible(userId, impersonated), isNull(notifications.readAt)));
  return row?.count ?? 0;
}

/** Scoped by owner: another user's id matches nothing. Already-read rows keep their first read time. */
export async function setRead(db: DbOrTx, userId: string, id: string, at: Date) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id, readAt: notifications.readAt });
  return row ? { id: row.id, readAt: row.readAt! } : null;
}

export async function setAllRead(db: DbOrTx, userId: string, at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
