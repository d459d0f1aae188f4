import "server-only";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { sessions } from "@/server/db/schema";

/** Enough for any real person; older sessions still expire on their own. */
const MAX_LISTED = 100;

export const publicSessionId = (storedId: string) => storedId.slice(0, 16);

export async function selectActiveSessions(db: DbOrTx, userId: string, now: Date) {
  return db
    .select({ id: sessions.id, userAgent: sessions.userAgent, ip: sessions.ip, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
    .limit(MAX_LISTED);
}

/** Scoped by user: another person's session id matches nothing, exactly like a made-up one. */
export async function deleteUserSessionByPublicId(db: DbOrTx, userId: string, publicId: string) {
  const [row] = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), sql`left(${sessions.id}, 16) = ${publicId}`))
    .returning({ id: sessions.id, userAgent: sessions.userAgent, ip: sessions.ip });
  return row ?? null;
}
