import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAuditEvent, recordStaffAudit } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { accountDeletions, memberships, users, workspaces } from "@/server/db/schema";
import { transactionWithEffects } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { buildExportArchive } from "@/features/exports/server/build-export-archive";
import type { ActionResult, deleteUserInput, transferOwnershipInput } from "../schemas";
import { loadTargetUser, recordAccountAction, type StaffActor } from "./account-action";
import { supportChangedAccountMessage } from "./emails";
import { assertMayActOn } from "./staff-guard";

/**
 * For a workspace whose owner is gone (left the company, unreachable, locked): a member becomes
 * the owner and any remaining owners become admins. Recorded in the workspace's audit trail,
 * the staff audit log and the new owner's security log.
 */
export async function transferWorkspaceOwnership(input: z.output<typeof transferOwnershipInput>, actor: StaffActor, db: Db): Promise<ActionResult> {
  const [workspace] = await db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, input.workspaceId));
  if (!workspace) throw new AppError("NOT_FOUND", { userMessage: "That workspace doesn't exist (or was deleted)." });
  const [member] = await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, input.newOwnerId)));
  if (!member) {
    const message = "The new owner must already be a member of the workspace.";
    throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { newOwnerId: [message] } });
  }
  if (member.role === "owner") throw new AppError("CONFLICT", { userMessage: "That member is already an owner." });
  const newOwner = await loadTargetUser(db, input.newOwnerId);
  await db.transaction(async (tx) => {
    const demoted = await tx
      .update(memberships)
      .set({ role: "admin" })
      .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.role, "owner")))
      .returning({ userId: memberships.userId });
    await tx.update(memberships).set({ role: "owner" }).where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, newOwner.id)));
    const change = { before: { owners: demoted.map((d) => d.userId) }, after: { owners: [newOwner.id] } };
    await recordAuditEvent(tx, { workspaceId: workspace.id, actorUserId: actor.userId, action: "workspace.ownership_transferred_by_support", target: { type: "user", id: newOwner.id }, ...change, ip: actor.ip });
    await recordStaffAudit(tx, actor, { action: "workspace.transfer_ownership", target: { type: "workspace", id: workspace.id }, reason: input.reason, ...change });
    await recordAccountAction(tx, actor, newOwner, { action: "user.made_owner", reason: input.reason, told: `made you the owner of ${workspace.name}` });
  });
  return { ok: true, message: `${newOwner.email} now owns ${workspace.name}.` };
}

/**
 * Deletes an account for good. An export of their data is made first and kept with the
 * deletion record (their own exports go with the account). Workspaces they are the only member
 * of go too; a workspace they solely own with other members must be transferred first.
 */
export async function deleteUserAccount(input: z.output<typeof deleteUserInput>, actor: StaffActor, db: Db, now = new Date()): Promise<ActionResult> {
  const user = await loadTargetUser(db, input.userId);
  assertMayActOn(actor, user);
  if (input.confirmEmail !== user.email) {
    const message = `Type ${user.email} to confirm`;
    throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { confirmEmail: [message] } });
  }
  const owned = await db
    .select({
      id: workspaces.id,
      slug: workspaces.slug,
      otherMembers: sql<number>`(select count(*)::int from memberships o where o.workspace_id = ${workspaces.id} and o.user_id <> ${user.id})`,
      otherOwners: sql<number>`(select count(*)::int from memberships o where o.workspace_id = ${workspaces.id} and o.user_id <> ${user.id} and o.role = 'owner')`,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, user.id), eq(memberships.role, "owner")));
  const stranded = owned.filter((w) => w.otherMembers > 0 && w.otherOwners === 0);
  if (stranded.length > 0) {
    throw new AppError("CONFLICT", { userMessage: `They are the only owner of ${stranded.map((w) => w.slug).join(", ")}, which ${stranded.length === 1 ? "has" : "have"} other members: transfer ownership first.` });
  }
  const solo = owned.filter((w) => w.otherMembers === 0).map((w) => w.id);
  const archive = await buildExportArchive(db, user.id, now);

  await transactionWithEffects(db, async (tx, effects) => {
    await tx.insert(accountDeletions).values({ userId: user.id, email: user.email, displayName: user.displayName, deletedByUserId: actor.userId, deletedByEmail: actor.email, reason: input.reason, exportFile: archive, exportSize: archive.length });
    await recordStaffAudit(tx, actor, { action: "user.delete", target: { type: "user", id: user.id }, reason: input.reason, before: { email: user.email, workspacesDeleted: solo.length } });
    if (solo.length > 0) await tx.delete(workspaces).where(inArray(workspaces.id, solo));
    await tx.delete(users).where(and(eq(users.id, user.id), ne(users.id, actor.userId)));
    await effects.email({
      to: user.email,
      ...supportChangedAccountMessage({ displayName: user.displayName, subject: "Your Groundwork account was deleted", what: "Groundwork support deleted your account and its data.", reason: input.reason, next: "If you didn't expect this, contact support." }),
    });
  });
  return { ok: true, message: `${user.email} was deleted; an export of their data (${archive.length} bytes) is kept with the deletion record.` };
}
