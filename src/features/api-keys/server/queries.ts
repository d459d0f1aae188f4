import "server-only";
import { and, count, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { apiKeys, memberships, users, workspaces } from "@/server/db/schema";

const keyColumns = {
  id: apiKeys.id,
  workspaceId: apiKeys.workspaceId,
  name: apiKeys.name,
  environment: apiKeys.environment,
  start: apiKeys.start,
  scopes: apiKeys.scopes,
  rateLimitPerMinute: apiKeys.rateLimitPerMinute,
  createdBy: apiKeys.createdBy,
  creatorName: users.displayName,
  creatorRole: memberships.role,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  previousExpiresAt: apiKeys.previousExpiresAt,
};

/** Keys with their creator's name and current role (null when the creator has left). */
function selectKeys(db: DbOrTx) {
  return db
    .select(keyColumns)
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .leftJoin(memberships, and(eq(memberships.workspaceId, apiKeys.workspaceId), eq(memberships.userId, apiKeys.createdBy)));
}

export async function selectKeyPage(db: DbOrTx, workspaceId: string, opts: { cursor?: string | null; limit: number }) {
  return selectKeys(db)
    .where(and(eq(apiKeys.workspaceId, workspaceId), opts.cursor ? lt(apiKeys.id, opts.cursor) : undefined))
    .orderBy(desc(apiKeys.id))
    .limit(opts.limit + 1);
}
export type KeyRow = Awaited<ReturnType<typeof selectKeyPage>>[number];

export async function selectKey(db: DbOrTx, workspaceId: string, keyId: string): Promise<KeyRow | null> {
  const [row] = await selectKeys(db).where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, keyId)));
  return row ?? null;
}

/** Locks the key for a change; tenancy is part of the lookup, so another workspace's key is simply absent. */
export async function lockKey(tx: DbOrTx, workspaceId: string, keyId: string) {
  const [row] = await tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, keyId)))
    .for("update");
  return row ?? null;
}

/** What verification needs, in one indexed read: the key by either of its hashes, its workspace, its creator. */
export async function selectKeyForVerification(db: DbOrTx, hash: string) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      workspaceSlug: workspaces.slug,
      workspaceName: workspaces.name,
      plan: workspaces.plan,
      name: apiKeys.name,
      environment: apiKeys.environment,
      start: apiKeys.start,
      scopes: apiKeys.scopes,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      secretHash: apiKeys.secretHash,
      previousSecretHash: apiKeys.previousSecretHash,
      previousExpiresAt: apiKeys.previousExpiresAt,
      createdBy: apiKeys.createdBy,
      creatorName: users.displayName,
      creatorRole: memberships.role,
    })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .leftJoin(memberships, and(eq(memberships.workspaceId, apiKeys.workspaceId), eq(memberships.userId, apiKeys.createdBy)))
    .where(or(eq(apiKeys.secretHash, hash), eq(apiKeys.previousSecretHash, hash)));
  return row ?? null;
}

/** Keys a member created that still work (or would, were they still a member). */
export function liveKeysOf(workspaceId: string, userId: string, now: Date) {
  return and(
    eq(apiKeys.workspaceId, workspaceId),
    eq(apiKeys.createdBy, userId),
    isNull(apiKeys.revokedAt),
    or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
  );
}

export async function countLiveKeysOf(db: DbOrTx, workspaceId: string, userId: string, now: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(apiKeys).where(liveKeysOf(workspaceId, userId, now));
  return row?.n ?? 0;
}

export async function selectRole(db: DbOrTx, workspaceId: string, userId: string) {
  const [row] = await db
    .select({ role: memberships.role, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row ?? null;
}
