import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { impersonationSessions, users, workspaces } from "@/server/db/schema";

export async function selectTarget(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, staffRole: users.staffRole })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

export async function insertImpersonation(db: DbOrTx, row: typeof impersonationSessions.$inferInsert) {
  await db.insert(impersonationSessions).values(row);
}

/** One impersonation per staff session: starting another ends the previous one. */
export async function endImpersonationsOfStaffSession(db: DbOrTx, staffSessionId: string, now: Date) {
  return db
    .update(impersonationSessions)
    .set({ endedAt: now })
    .where(and(eq(impersonationSessions.staffSessionId, staffSessionId), isNull(impersonationSessions.endedAt)))
    .returning({ id: impersonationSessions.id, targetUserId: impersonationSessions.targetUserId });
}

/** Extends only an open, never-extended impersonation: the condition makes "once" race-free. */
export async function extendOnce(db: DbOrTx, id: string, reason: string, expiresAt: Date, now: Date) {
  const [row] = await db
    .update(impersonationSessions)
    .set({ expiresAt, extendReason: reason, extendedAt: now })
    .where(and(eq(impersonationSessions.id, id), isNull(impersonationSessions.extendedAt), isNull(impersonationSessions.endedAt)))
    .returning({ id: impersonationSessions.id });
  return row ?? null;
}

export async function switchToWriteMode(db: DbOrTx, id: string, reason: string, now: Date) {
  const [row] = await db
    .update(impersonationSessions)
    .set({ mode: "write", writeReason: reason, writeEnabledAt: now })
    .where(and(eq(impersonationSessions.id, id), eq(impersonationSessions.mode, "read"), isNull(impersonationSessions.endedAt)))
    .returning({ id: impersonationSessions.id });
  return row ?? null;
}

export async function endImpersonation(db: DbOrTx, id: string, now: Date) {
  const [row] = await db
    .update(impersonationSessions)
    .set({ endedAt: now })
    .where(and(eq(impersonationSessions.id, id), isNull(impersonationSessions.endedAt)))
    .returning({ id: impersonationSessions.id, targetUserId: impersonationSessions.targetUserId });
  return row ?? null;
}

export async function selectSupportAccess(db: DbOrTx, workspaceId: string) {
  const [row] = await db.select({ allow: workspaces.allowSupportAccess }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row ?? null;
}

export async function updateSupportAccess(db: DbOrTx, workspaceId: string, allow: boolean) {
  const [row] = await db
    .update(workspaces)
    .set({ allowSupportAccess: allow })
    .where(eq(workspaces.id, workspaceId))
    .returning({ allow: workspaces.allowSupportAccess });
  return row ?? null;
}
