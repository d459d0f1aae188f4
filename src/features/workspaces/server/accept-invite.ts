import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import { hashToken } from "@/server/auth/tokens";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { enforceLimit } from "@/features/billing/server/enforce-limit";
import type { tokenInput } from "../schemas";
import type { UserActor } from "./actor";
import { claimInvite, selectInviteByTokenHash } from "./invite-queries";
import { INVALID_INVITE, inviteStatus } from "./preview-invite";
import { publishMembersChanged } from "./members-changed";
import { insertMembershipIfAbsent, selectMembership } from "./queries";

/**
 * Joins the workspace the invite is for. The invite is single use and bound to its address;
 * accepting again as someone who is already a member just succeeds.
 */
export async function acceptInvite(input: z.output<typeof tokenInput>, actor: UserActor & { email: string }, db: DbOrTx): Promise<{ slug: string }> {
  const invite = await selectInviteByTokenHash(db, hashToken(input.token));
  if (!invite) throw new AppError("NOT_FOUND", { userMessage: INVALID_INVITE });
  if (invite.email !== actor.email.toLowerCase()) {
    throw new AppError("FORBIDDEN", { userMessage: `This invite was sent to ${invite.email}; sign in as that address to accept it.` });
  }
  let joined = false;
  const result = await db.transaction(async (tx) => {
    const claimed = await claimInvite(tx, invite.id);
    if (claimed && !(await selectMembership(tx, invite.workspaceId, actor.userId))) {
      await enforceLimit(tx, invite.workspaceId, "members", { joiningByInvite: true });
    }
    if (claimed) {
      const role = claimed.role === "admin" ? "admin" : "member";
      // Someone already in the workspace keeps their role: an invite never demotes.
      const inserted = await insertMembershipIfAbsent(tx, { workspaceId: invite.workspaceId, userId: actor.userId, role });
      await recordAuditEvent(tx, {
        workspaceId: invite.workspaceId,
        actorUserId: actor.userId,
        impersonatorId: actor.impersonatorId,
        ip: actor.ip,
        action: "invite.accepted",
        target: { type: "invite", id: invite.id },
        after: { email: invite.email, role: inserted?.role ?? role, alreadyMember: !inserted },
      });
      joined = true;
      return { slug: invite.workspaceSlug };
    }
    if (await selectMembership(tx, invite.workspaceId, actor.userId)) return { slug: invite.workspaceSlug };
    const status = inviteStatus(invite);
    const inviter = invite.inviterName ?? "the person who invited you";
    const userMessage =
      status === "revoked"
        ? `This invite was revoked. Ask ${inviter} for a new one.`
        : status === "accepted"
          ? `This invite has already been used. Ask ${inviter} for a new one.`
          : `This invite expired. Ask ${inviter} to send a new one.`;
    throw new AppError("CONFLICT", { userMessage });
  });
  if (joined) await publishMembersChanged(invite.workspaceId, db);
  return result;
}
