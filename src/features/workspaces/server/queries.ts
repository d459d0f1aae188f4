import "server-only";
import { and, asc, count, desc, eq, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/server/db/client";
import { auditEvents, memberships, users, workspaces, type WorkspaceRole } from "@/server/db/schema";

/** Personal workspace first, then by name: the order of the switcher and of `/app`'s redirect. */
export async function selectWorkspacesOf(db: DbOrTx, userId: string) {
  return db
    .select({ slug: workspaces.slug, name: workspaces.name, personal: workspaces.personal, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(desc(workspaces.personal), asc(sql`lower(${workspaces.name})`), asc(workspaces.slug));
}

export async function countMembers(db: DbOrTx, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  return row?.n ?? 0;
}

/**
 * Serialises membership changes in one workspace (row lock until commit), so two owners
 * demoting each other at once are checked one after the other by the owner trigger.
 */
export async function lockWorkspace(tx: DbOrTx, workspaceId: string): Promise<void> {
  await tx.execute(sql`select 1 from ${workspaces} where ${workspaces.id} = ${workspaceId} for update`);
}

export async function selectMembership(db: DbOrTx, workspaceId: string, userId: string) {
  const [row] = await db
    .select({ userId: memberships.userId, role: memberships.role, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row ?? null;
}

export async function selectMembers(db: DbOrTx, workspaceId: string) {
  return db
    .select({ userId: users.id, displayName: users.displayName, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 else 2 end`, asc(users.displayName), asc(users.id));
}

export async function updateMembershipRole(tx: DbOrTx, workspaceId: string, userId: string, role: WorkspaceRole) {
  await tx
    .update(memberships)
    .set({ role, updatedAt: new Date() })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

/** Returns the new membership, or null when the user was already a member (their role is kept). */
export async function insertMembershipIfAbsent(tx: DbOrTx, values: { workspaceId: string; userId: string; role: WorkspaceRole }) {
  const [row] = await tx.insert(memberships).values(values).onConflictDoNothing().returning({ role: memberships.role });
  return row ?? null;
}

export async function deleteMembership(tx: DbOrTx, workspaceId: string, userId: string) {
  await tx.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

export async function selectMemberByEmail(db: DbOrTx, workspaceId: string, email: string) {
  const [row] = await db
    .select({ userId: users.id })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspaceId)))
    .where(eq(users.email, email));
  return row ?? null;
}

const actor = alias(users, "actor");
const impersonator = alias(users, "impersonator");

/** Newest first, keyset on the UUIDv7 id; both user names come from the same query. */
export async function selectAuditPage(
  db: DbOrTx,
  workspaceId: string,
  opts: { limit: number; cursor?: string | null; action?: string; actorUserId?: string },
) {
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorUserId: auditEvents.actorUserId,
      actorName: actor.displayName,
      impersonatorId: auditEvents.impersonatorId,
      impersonatorName: impersonator.displayName,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      ip: auditEvents.ip,
      before: auditEvents.before,
      after: auditEvents.after,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
    .leftJoin(impersonator, eq(impersonator.id, auditEvents.impersonatorId))
    .where(
      and(
        eq(auditEvents.workspaceId, workspaceId),
        opts.cursor ? lt(auditEvents.id, opts.cursor) : undefined,
        opts.action ? eq(auditEvents.action, opts.action) : undefined,
        opts.actorUserId ? eq(auditEvents.actorUserId, opts.actorUserId) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(opts.limit + 1);
}

export async function updateWorkspaceName(tx: DbOrTx, workspaceId: string, name: string) {
  await tx.update(workspaces).set({ name, updatedAt: new Date() }).where(eq(workspaces.id, workspaceId));
}

export async function deleteWorkspaceRow(tx: DbOrTx, workspaceId: string) {
  await tx.delete(workspaces).where(eq(workspaces.id, workspaceId));
}

export async function updateStaffRole(db: DbOrTx, userId: string, staffRole: "support" | "product" | "admin" | null) {
  const [row] = await db.update(users).set({ staffRole, updatedAt: new Date() }).where(eq(users.id, userId)).returning({ userId: users.id, staffRole: users.staffRole });
  return row ?? null;
}
