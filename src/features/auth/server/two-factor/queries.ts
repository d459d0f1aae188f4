import "server-only";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { recoveryCodes, sessions, users } from "@/server/db/schema";

export async function selectTwoFactorUser(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, totpKeyEncrypted: users.totpKeyEncrypted })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

export async function selectTwoFactorStatus(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      enabled: sql<boolean>`${users.totpKeyEncrypted} is not null`,
      recoveryCodesRemaining: sql<number>`count(${recoveryCodes.id}) filter (where ${recoveryCodes.usedAt} is null)::int`,
    })
    .from(users)
    .leftJoin(recoveryCodes, eq(recoveryCodes.userId, users.id))
    .where(eq(users.id, userId))
    .groupBy(users.id);
  return row ?? null;
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Stores the key only if none is set, so two racing confirmations can't both win. */
export async function storeTotpKeyIfUnset(db: DbOrTx, userId: string, sealedKey: Uint8Array): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ totpKeyEncrypted: sealedKey, updatedAt: new Date() })
    .where(and(eq(users.id, userId), isNull(users.totpKeyEncrypted)))
    .returning({ id: users.id });
  return updated.length === 1;
}

export async function clearTotpKey(db: DbOrTx, userId: string): Promise<void> {
  await db.update(users).set({ totpKeyEncrypted: null, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function replaceRecoveryCodes(db: DbOrTx, userId: string, hashes: string[]): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (hashes.length > 0) await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
}

/**
 * Marks an unused code used in one statement: the lookup is by hash (the typed code is hashed
 * first, so nothing about a stored code can be learned from timing), and two concurrent
 * uses of the same code can't both succeed.
 */
export async function spendRecoveryCode(db: DbOrTx, userId: string, codeHash: string, now: Date): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

export async function markSessionTwoFactorVerified(db: DbOrTx, sessionId: string): Promise<void> {
  await db.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, sessionId));
}

/** The user's other sessions must pass the second factor before they are fully signed in again. */
export async function requireTwoFactorOnOtherSessions(db: DbOrTx, userId: string, currentSessionId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ twoFactorVerified: false })
    .where(and(eq(sessions.userId, userId), ne(sessions.id, currentSessionId)));
}

/** Sessions that passed only the password; without a second factor they would become full sessions. */
export async function deleteUnverifiedSessions(db: DbOrTx, userId: string, currentSessionId: string): Promise<number> {
  const removed = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, currentSessionId), eq(sessions.twoFactorVerified, false)))
    .returning({ id: sessions.id });
  return removed.length;
}
