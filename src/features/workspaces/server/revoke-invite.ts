import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { inviteIdInput } from "../schemas";
import { auditFields, type WorkspaceActor } from "./actor";
import { markInviteRevoked, selectInviteInWorkspace } from "./invite-queries";

/** Revoking twice is fine; revoking an accepted invite is not (remove the member instead). */
export async function revokeInvite(input: z.output<typeof inviteIdInput>, actor: WorkspaceActor, db: DbOrTx): Promise<{ ok: true }> {
  return db.transaction(async (tx) => {
    const invite = await selectInviteInWorkspace(tx, actor.workspace.id, input.inviteId);
    if (!invite) throw new AppError("NOT_FOUND", { userMessage: "That invite doesn't exist in this workspace." });
    if (invite.revokedAt) return { ok: true as const };
    const revoked = await markInviteRevoked(tx, actor.workspace.id, invite.id);
    if (!revoked) {
      throw new AppError("CONFLICT", { userMessage: `${invite.email} already accepted this invite. Remove them from the members list instead.` });
    }
    await recordAuditEvent(tx, {
      ...auditFields(actor),
      action: "invite.revoked",
      target: { type: "invite", id: invite.id },
      before: { email: invite.email, role: invite.role },
    });
    return { ok: true as const };
  });
}
