import "server-only";
import { inviteTokenFromPath } from "@/features/workspaces/schemas";
import { createWorkspace } from "@/features/workspaces/server/create-workspace";
import { inviteProvesEmail } from "@/features/workspaces/server/preview-invite";
import { recordSecurityEvent, type RequestMeta } from "@/server/audit";
import { hashPassword } from "@/server/auth/password";
import { createSession } from "@/server/auth/session";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { assertSignUpAllowed } from "@/server/security-rules/checks";
import { safeRedirectPath, type SignUpInput } from "../schemas";
import { verifyEmailMessage } from "./emails";
import { assertAcceptablePassword, VERIFY_EMAIL_TTL_MS, type SessionGrant } from "./policy";
import { insertAuthToken, insertUser, markEmailVerified } from "./queries";

export type SignUpResult = { kind: "signed_in"; redirectTo: string; session: SessionGrant; userId: string };

/** Account, personal workspace, verification email (unless an invite proved the address) and a session, all or nothing. */
export async function signUp(input: SignUpInput, actor: RequestMeta, db: Db, now = new Date()): Promise<SignUpResult> {
  assertAcceptablePassword(input.password, { field: "password", label: "Password", email: input.email });
  await assertSignUpAllowed({ email: input.email, ip: actor.ip });
  // Hash outside the transaction: ~25 ms of CPU shouldn't hold a connection and row locks.
  const passwordHash = await hashPassword(input.password);
  return transactionWithEffects(db, async (tx, effects) => {
    const user = await insertUser(tx, { email: input.email, displayName: input.displayName, passwordHash });
    if (!user) {
      const message = "An account with this email already exists. Sign in, or reset your password if you've forgotten it.";
      throw new AppError("CONFLICT", { userMessage: message, fieldErrors: { email: [message] } });
    }
    const workspace = await createWorkspace({ name: `${input.displayName}'s workspace`, personal: true }, { userId: user.id, ip: actor.ip }, tx);
    await recordSecurityEvent(tx, { userId: user.id, type: "sign_up", ...actor });
    // Following an invite sent to this address proves it as well as the verification link would.
    const inviteToken = inviteTokenFromPath(input.next);
    if (inviteToken && (await inviteProvesEmail({ token: inviteToken, email: input.email }, tx, now))) {
      await markEmailVerified(tx, user.id, input.email, now);
      await recordSecurityEvent(tx, { userId: user.id, type: "email_verified", ...actor, details: `${input.email} (by the workspace invite sent to it)` });
    } else {
      const token = await insertAuthToken(tx, { userId: user.id, purpose: "verify_email", email: input.email, ttlMs: VERIFY_EMAIL_TTL_MS, now });
      await effects.email({ to: input.email, ...verifyEmailMessage({ displayName: input.displayName, token }) });
    }
    const session = await createSession(tx, { userId: user.id, ...actor, twoFactorVerified: false }, now);
    return { kind: "signed_in", redirectTo: safeRedirectPath(input.next) ?? `/w/${workspace.slug}`, session, userId: user.id };
  });
}
