import "server-only";
import { desc, eq } from "drizzle-orm";
import { describeDevice } from "@/features/auth/server/sessions/describe-device";
import type { DbOrTx } from "@/server/db/client";
import { sessions } from "@/server/db/schema";

/** Device, address and dates only: a session's id is the hash of its cookie, so it stays out. */
export async function collectSessions(db: DbOrTx, userId: string) {
  const rows = await db
    .select({ userAgent: sessions.userAgent, ip: sessions.ip, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((row) => ({ device: describeDevice(row.userAgent), ...row }));
}
