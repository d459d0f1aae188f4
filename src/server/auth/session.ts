import "server-only";
import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { sessions, users } from "@/server/db/schema";
import { generateToken, hashToken } from "./tokens";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Extend when less than half the lifetime is left (sliding expiry without a write per request). */
const REFRESH_BELOW_MS = SESSION_TTL_MS / 2;
/** `last_seen_at` is advisory (sessions page); refresh it at most this often. */
const LAST_SEEN_GRANULARITY_MS = 5 * 60 * 1000;

export type SessionUser = {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  staffRole: "support" | "product" | "admin" | null;
};

export type ValidatedSession = {
  id: string;
  expiresAt: Date;
  twoFactorVerified: boolean;
  /** True when the expiry moved: the caller should re-send the cookie. */
  refreshed: boolean;
  user: SessionUser;
};

export async function createSession(
  db: DbOrTx,
  input: { userId: string; ip: string | null; userAgent: string | null; twoFactorVerified: boolean },
  now = new Date(),
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = generateToken();
  const id = hashToken(token);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({ id, expiresAt, createdAt: now, lastSeenAt: now, ...input });
  return { token, id, expiresAt };
}

/** One indexed query (primary key join) per request; a second only when the session slides. */
export async function validateSessionToken(db: DbOrTx, token: string, now = new Date()): Promise<ValidatedSession | null> {
  const id = hashToken(token);
  const [row] = await db
    .select({
      id: sessions.id,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      twoFactorVerified: sessions.twoFactorVerified,
      user: {
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        emailVerified: sql<boolean>`${users.emailVerifiedAt} is not null`,
        twoFactorEnabled: sql<boolean>`${users.totpKeyEncrypted} is not null`,
        staffRole: users.staffRole,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  const slide = row.expiresAt.getTime() - now.getTime() < REFRESH_BELOW_MS;
  const touch = now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_GRANULARITY_MS;
  let expiresAt = row.expiresAt;
  if (slide || touch) {
    if (slide) expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await db.update(sessions).set({ expiresAt, lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { id: row.id, expiresAt, twoFactorVerified: row.twoFactorVerified, refreshed: slide, user: row.user };
}

export async function invalidateSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs a user out everywhere, optionally keeping the session they are using now. */
export async function invalidateUserSessions(db: DbOrTx, userId: string, opts: { except?: string } = {}): Promise<number> {
  const removed = await db
    .delete(sessions)
    .where(opts.except ? and(eq(sessions.userId, userId), ne(sessions.id, opts.except)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return removed.length;
}

export async function deleteExpiredSessions(db: DbOrTx, now = new Date()): Promise<number> {
  return (await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id })).length;
}
