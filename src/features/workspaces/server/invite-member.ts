import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { enforceLimit } from "@/features/billing/server/enforce-limit";
import { notify } from "@/features/notifications/server/notify";
import type { inviteInput } from "../schemas";
import { auditFields, type WorkspaceActor } from "./actor";
import { publishMembersChanged } from "./members-changed";
import { inviteEmail, newInviteToken } from "./invite-email";
import { insertInvite, renewInvite, selectPendingInviteByEmail, selectUserIdByEmail } from "./invite-queries";
import { lockWorkspace, selectMemberByEmail } from "./queries";

/**
 * Invites an address (at most one pending invite per address: inviting again replaces the
 * token, role and expiry and sends a new email). The email is sent after commit.
 */
export async function inviteMember(
  input: z.output<typeof inviteInput>,
  actor: WorkspaceActor,
  db: Db,
): Promise<{ inviteId: string; email: string; role: "admin" | "member" }> {
  const { token, tokenHash, expiresAt } = newInviteToken();
  const result = await transactionWithEffects(db, async (tx, effects) => {
    await lockWorkspace(tx, actor.workspace.id);
    if (await selectMemberByEmail(tx, actor.workspace.id, input.email)) {
      throw new AppError("BAD_REQUEST", {
        userMessage: `${input.email} is already a member of ${actor.workspace.name}.`,
        fieldErrors: { email: ["This person is already a member"] },
      });
    }
    const existing = await selectPendingInviteByEmail(tx, actor.workspace.id, input.email);
    if (!existing) await enforceLimit(tx, actor.workspace.id, "members");
    const values = { tokenHash, expiresAt, invitedBy: actor.userId, role: input.role };
    const inviteId = existing ? (await renewInvite(tx, actor.workspace.id, existing.id, values))!.id : (await insertInvite(tx, { ...values, workspaceId: actor.workspace.id, email: input.email })).id;
    await recordAuditEvent(tx, {
      ...auditFields(actor),
      action: existing ? "invite.resent" : "invite.created",
      target: { type: "invite", id: inviteId },
      before: existing ? { role: existing.role } : undefined,
      after: { email: input.email, role: input.role },
    });
    await effects.email(inviteEmail({ to: input.email, token, workspaceName: actor.workspace.name, inviterName: actor.displayName, role: input.role }));
    return { inviteId, email: input.email, role: input.role };
  });
  await publishMembersChanged(actor.workspace.id, db);
  // Someone who already has an account also hears in the app. The link carries the token, the
  // same secret the email gives the same person.
  const invitee = await selectUserIdByEmail(db, input.email);
  if (invitee) {
    await notify(invitee.id, { type: "workspace.invited", title: `You're invited to ${actor.workspace.name}`, body: `${actor.displayName} invited you to join as ${input.role === "admin" ? "an admin" : "a member"}.`, link: `/invite/${token}`, workspaceId: actor.workspace.id }, db);
  }
  return result;
}

