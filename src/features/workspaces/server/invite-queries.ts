import "server-only";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { invites, users, workspaces } from "@/server/db/schema";

const pending = and(isNull(invites.acceptedAt), isNull(invites.revokedAt));

/** Pending (not accepted, not revoked) invites, expired ones included so they can be resent. */
export async function selectPendingInvites(db: DbOrTx, workspaceId: string) {
  return db
    .select({
      id: invites.id,
      email: invites.email,
      role: invites.role,
      invitedByName: users.displayName,
      createdAt: invites.createdAt,
      expiresAt: invites.expiresAt,
    })
    .from(invites)
    .leftJoin(users, eq(users.id, invites.invitedBy))
    .where(and(eq(invites.workspaceId, workspaceId), pending))
    .orderBy(asc(invites.id));
}

export async function selectPendingInviteByEmail(db: DbOrTx, workspaceId: string, email: string) {
  const [row] = await db
    .select({ id: invites.id, role: invites.role })
    .from(invites)
    .where(and(eq(invites.workspaceId, workspaceId), eq(invites.email, email), pending));
  return row ?? null;
}

/** Scoped by workspace: an invite id from another workspace is simply not found. */
export async function selectInviteInWorkspace(db: DbOrTx, workspaceId: string, inviteId: string) {
  const [row] = await db
    .select({ id: invites.id, email: invites.email, role: invites.role, acceptedAt: invites.acceptedAt, revokedAt: invites.revokedAt, expiresAt: invites.expiresAt })
    .from(invites)
    .where(and(eq(invites.workspaceId, workspaceId), eq(invites.id, inviteId)));
  return row ?? null;
}

export async function insertInvite(
  tx: DbOrTx,
  values: { workspaceId: string; email: string; role: "admin" | "member"; tokenHash: string; invitedBy: string; expiresAt: Date },
) {
  const [row] = await tx.insert(invites).values(values).returning({ id: invites.id });
  return row!;
}

/** A new token and expiry for a still-pending invite; null when it was accepted or revoked meanwhile. */
export async function renewInvite(
  tx: DbOrTx,
  workspaceId: string,
  inviteId: string,
  values: { tokenHash: string; expiresAt: Date; invitedBy: string; role?: "admin" | "member" },
) {
  const [row] = await tx
    .update(invites)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(invites.workspaceId, workspaceId), eq(invites.id, inviteId), pending))
    .returning({ id: invites.id, email: invites.email, role: invites.role });
  return row ?? null;
}

export async function markInviteRevoked(tx: DbOrTx, workspaceId: string, inviteId: string) {
  const [row] = await tx
    .update(invites)
    .set({ revokedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(invites.workspaceId, workspaceId), eq(invites.id, inviteId), pending))
    .returning({ id: invites.id, email: invites.email, role: invites.role });
  return row ?? null;
}

export async function selectInviteByTokenHash(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({
      id: invites.id,
      workspaceId: invites.workspaceId,
      workspaceSlug: workspaces.slug,
      workspaceName: workspaces.name,
      inviterName: users.displayName,
      email: invites.email,
      role: invites.role,
      expiresAt: invites.expiresAt,
      acceptedAt: invites.acceptedAt,
      revokedAt: invites.revokedAt,
    })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .leftJoin(users, eq(users.id, invites.invitedBy))
    .where(eq(invites.tokenHash, tokenHash));
  return row ?? null;
}

/**
 * Single use: the check (pending, unexpired) and the mark happen in one statement, so two
 * concurrent accepts of the same token can't both win.
 */
export async function claimInvite(tx: DbOrTx, inviteId: string) {
  const [row] = await tx
    .update(invites)
    .set({ acceptedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(invites.id, inviteId), pending, gt(invites.expiresAt, sql`now()`)))
    .returning({ id: invites.id, role: invites.role });
  return row ?? null;
}

/** The account an invite's address belongs to, if any (it gets an in-app notification too). */
export async function selectUserIdByEmail(db: DbOrTx, email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row ?? null;
}
