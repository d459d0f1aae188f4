import "server-only";
import { generateToken, hashToken } from "@/server/auth/tokens";
import { env } from "@/server/env";
import { renderEmail } from "@/server/mail/render";
import { INVITE_TTL_DAYS } from "../schemas";

/** A fresh token (only its hash is stored) and the expiry that goes with it. */
export function newInviteToken(now = new Date()) {
  const token = generateToken();
  return { token, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000) };
}

export const inviteUrl = (token: string) => new URL(`/invite/${token}`, env.APP_URL).toString();

export function inviteEmail(opts: { to: string; token: string; workspaceName: string; inviterName: string; role: "admin" | "member" }) {
  return {
    to: opts.to,
    ...renderEmail({
      subject: `${opts.inviterName} invited you to ${opts.workspaceName} on Groundwork`,
      heading: `Join ${opts.workspaceName}`,
      paragraphs: [
        `${opts.inviterName} invited you to join ${opts.workspaceName} on Groundwork as ${opts.role === "admin" ? "an admin" : "a member"}.`,
        `The link works once and expires in ${INVITE_TTL_DAYS} days. Sign in (or create an account) as ${opts.to} to accept it.`,
      ],
      action: { label: "Accept the invite", url: inviteUrl(opts.token) },
      footer: "If you weren't expecting this invite, you can ignore this email.",
    }),
  };
}
