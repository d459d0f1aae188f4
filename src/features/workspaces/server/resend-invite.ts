import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import type { inviteIdInput } from "../schemas";
import { auditFields, type WorkspaceActor } from "./actor";
import { inviteEmail, newInviteToken } from "./invite-email";
import { renewInvite, selectInviteInWorkspace } from "./invite-queries";

/** A new link (the old one stops working) with a fresh expiry, emailed again after commit. */
export async function resendInvite(input: z.output<typeof inviteIdInput>, actor: WorkspaceActor, db: Db): Promise<{ inviteId: string; expiresAt: Date }> {
  const { token, tokenHash, expiresAt } = newInviteToken();
  return transactionWithEffects(db, async (tx, effects) => {
    const invite = await selectInviteInWorkspace(tx, actor.workspace.id, input.inviteId);
    if (!invite) throw new AppError("NOT_FOUND", { userMessage: "That invite doesn't exist in this workspace." });
    const renewed = await renewInvite(tx, actor.workspace.id, invite.id, { tokenHash, expiresAt, invitedBy: actor.userId });
    if (!renewed) {
      throw new AppError("CONFLICT", { userMessage: `The invite to ${invite.email} was already ${invite.acceptedAt ? "accepted" : "revoked"}; send a new one if needed.` });
    }
    await recordAuditEvent(tx, {
      ...auditFields(actor),
      action: "invite.resent",
      target: { type: "invite", id: invite.id },
      before: { expiresAt: invite.expiresAt.toISOString() },
      after: { expiresAt: expiresAt.toISOString() },
    });
    const role = renewed.role === "admin" ? "admin" : "member";
    await effects.email(inviteEmail({ to: renewed.email, token, workspaceName: actor.workspace.name, inviterName: actor.displayName, role }));
    return { inviteId: invite.id, expiresAt };
  });
}
