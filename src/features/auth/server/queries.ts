import "server-only";
import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import { hashToken, generateToken } from "@/server/auth/tokens";
import type { DbOrTx } from "@/server/db/client";
import { authTokens, securityEvents, users, AUTH_TOKEN_PURPOSES } from "@/server/db/schema";
import type { TokenFailure } from "../schemas";

type Purpose = (typeof AUTH_TOKEN_PURPOSES)[number];

/** What operations may read of a user; the row's secrets stay behind here except the hash to verify. */
const accountColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  passwordHash: users.passwordHash,
  emailVerified: sql<boolean>`${users.emailVerifiedAt} is not null`,
  twoFactorEnabled: sql<boolean>`${users.totpKeyEncrypted} is not null`,
  locked: sql<boolean>`${users.lockedAt} is not null`,
};

export async function selectAccountByEmail(db: DbOrTx, email: string) {
  const [row] = await db.select(accountColumns).from(users).where(eq(users.email, email));
  return row ?? null;
}

export async function selectAccountById(db: DbOrTx, id: string) {
  const [row] = await db.select(accountColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function emailIsTaken(db: DbOrTx, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return Boolean(row);
}

/** Inserts the account, or returns null when the address is already registered. */
export async function insertUser(db: DbOrTx, values: { email: string; displayName: string; passwordHash: string }) {
  const [row] = await db.insert(users).values(values).onConflictDoNothing({ target: users.email }).returning({ id: users.id });
  return row ?? null;
}

export async function updatePasswordHash(db: DbOrTx, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function markEmailVerified(db: DbOrTx, userId: string, email: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ emailVerifiedAt: now })
    .where(and(eq(users.id, userId), eq(users.email, email), isNull(users.emailVerifiedAt)))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function updateEmail(db: DbOrTx, userId: string, email: string, now: Date) {
  await db.update(users).set({ email, emailVerifiedAt: now }).where(eq(users.id, userId));
}

/** Stores only the token's hash; the raw token goes into the email and nowhere else. */
export async function insertAuthToken(db: DbOrTx, values: { userId: string; purpose: Purpose; email: string; ttlMs: number; now: Date }): Promise<string> {
  const token = generateToken();
  await db.insert(authTokens).values({
    userId: values.userId,
    purpose: values.purpose,
    email: values.email,
    tokenHash: hashToken(token),
    expiresAt: new Date(values.now.getTime() + values.ttlMs),
    createdAt: values.now,
  });
  return token;
}

export type ConsumedToken = { kind: "ok"; userId: string; email: string } | { kind: "failed"; reason: TokenFailure };

/**
 * Single use without a race: the check and the mark are one UPDATE, so two clicks on the same
 * link can't both succeed. A second read only explains a failure (expired vs used).
 */
export async function consumeAuthToken(db: DbOrTx, token: string, purpose: Purpose, now: Date): Promise<ConsumedToken> {
  const tokenHash = hashToken(token);
  const [row] = await db
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.tokenHash, tokenHash), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
    .returning({ userId: authTokens.userId, email: authTokens.email });
  if (row) return { kind: "ok", ...row };
  const [existing] = await db
    .select({ usedAt: authTokens.usedAt })
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, tokenHash), eq(authTokens.purpose, purpose)));
  return { kind: "failed", reason: !existing ? "invalid" : existing.usedAt ? "used" : "expired" };
}

/** Voids a user's outstanding tokens of the given purposes (a newer one, or a reset, supersedes them). */
export async function retireAuthTokens(db: DbOrTx, userId: string, purposes: Purpose[], now: Date) {
  await db
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.userId, userId), inArray(authTokens.purpose, purposes), isNull(authTokens.usedAt)));
}

/** Whether this user has signed up or in before from the same address and browser. */
export async function hasSignedInFrom(db: DbOrTx, userId: string, ip: string | null, userAgent: string | null): Promise<boolean> {
  const [row] = await db
    .select({ id: securityEvents.id })
    .from(securityEvents)
    .where(
      and(
        eq(securityEvents.userId, userId),
        inArray(securityEvents.type, ["sign_in", "sign_up"]),
        ip === null ? isNull(securityEvents.ip) : eq(securityEvents.ip, ip),
        userAgent === null ? isNull(securityEvents.userAgent) : eq(securityEvents.userAgent, userAgent),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Newest first by id (UUIDv7), one page plus one row to know whether there is another. */
export async function selectSecurityEventsPage(db: DbOrTx, userId: string, opts: { limit: number; cursor?: string | null }) {
  return db
    .select({
      id: securityEvents.id,
      type: securityEvents.type,
      ip: securityEvents.ip,
      userAgent: securityEvents.userAgent,
      details: securityEvents.details,
      createdAt: securityEvents.createdAt,
    })
    .from(securityEvents)
    .where(and(eq(securityEvents.userId, userId), opts.cursor ? lt(securityEvents.id, opts.cursor) : undefined))
    .orderBy(desc(securityEvents.id))
    .limit(opts.limit + 1);
}
