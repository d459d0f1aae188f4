import "server-only";
import type { z } from "zod";
import { hashToken } from "@/server/auth/tokens";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { InvitePreview, tokenInput } from "../schemas";
import { selectInviteByTokenHash } from "./invite-queries";

export function inviteStatus(invite: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitePreview["status"] {
  if (invite.acceptedAt) return "accepted";
  if (invite.revokedAt) return "revoked";
  return invite.expiresAt <= now ? "expired" : "pending";
}

export const INVALID_INVITE = "This invite link isn't valid. Check that you copied all of it, or ask for a new invite.";

/** What the public invite page shows; ids stay on the server, an unknown token is NOT_FOUND. */
export async function previewInvite(input: z.output<typeof tokenInput>, _actor: unknown, db: DbOrTx): Promise<InvitePreview> {
  const invite = await selectInviteByTokenHash(db, hashToken(input.token));
  if (!invite) throw new AppError("NOT_FOUND", { userMessage: INVALID_INVITE });
  return {
    workspaceName: invite.workspaceName,
    inviterName: invite.inviterName,
    email: invite.email,
    role: invite.role === "admin" ? "admin" : "member",
    status: inviteStatus(invite),
    expiresAt: invite.expiresAt,
  };
}

/**
 * The invite link someone followed to sign up proves they read mail at `email`: true when it
 * names a pending invite sent to that address. Sign-up then counts the address as verified.
 */
export async function inviteProvesEmail(input: { token: string; email: string }, db: DbOrTx, now = new Date()): Promise<boolean> {
  const invite = await selectInviteByTokenHash(db, hashToken(input.token));
  return invite !== null && inviteStatus(invite, now) === "pending" && invite.email === input.email.toLowerCase();
}
