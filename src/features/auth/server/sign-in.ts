import "server-only";
import { recordSecurityEvent, type RequestMeta } from "@/server/audit";
import { decoyPasswordHash, verifyPassword } from "@/server/auth/password";
import { createSession, invalidateSession } from "@/server/auth/session";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { clearRateLimit, consumeRateLimit, peekRateLimit } from "@/server/rate-limit/consume";
import { notify } from "@/features/notifications/server/notify";
import { ACCOUNT_LOCKED_MESSAGE, safeRedirectPath, type SignInInput } from "../schemas";
import { newSignInNotice } from "./emails";
import { minutesUntil, SIGN_IN_FAILURES, tooManyRequests, type SessionGrant } from "./policy";
import { hasSignedInFrom, selectAccountByEmail } from "./queries";
import { describeDevice } from "./sessions/describe-device";

export type SignInActor = RequestMeta & { currentSessionId: string | null };
export type SignInResult =
  | { kind: "signed_in"; redirectTo: string; session: SessionGrant }
  | { kind: "two_factor_required"; session: SessionGrant };

export const SIGN_IN_FAILED_MESSAGE = "The email or password is incorrect.";

/**
 * Unknown address and wrong password are indistinguishable: same message, same status, and an
 * argon2 verify against a decoy hash so the timing matches too.
 */
export async function signIn(input: SignInInput, actor: SignInActor, db: Db, now = new Date()): Promise<SignInResult> {
  const lockSubject = `email:${input.email}`;
  const lock = await peekRateLimit(db, SIGN_IN_FAILURES, lockSubject, now);
  if (!lock.allowed) {
    throw tooManyRequests(`Too many sign-in attempts for this account. Try again in ${minutesUntil(lock.retryAfterSeconds)}.`, lock.retryAfterSeconds);
  }

  const account = await selectAccountByEmail(db, input.email);
  const passwordOk = await verifyPassword(account?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!account || !passwordOk) {
    await consumeRateLimit(db, SIGN_IN_FAILURES, lockSubject, now);
    await recordSecurityEvent(db, {
      userId: account?.id ?? null,
      type: "sign_in_failed",
      ...pickMeta(actor),
      email: account ? undefined : input.email,
      details: account ? "Wrong password" : "No account with this address",
    });
    throw new AppError("UNAUTHORIZED", { userMessage: SIGN_IN_FAILED_MESSAGE });
  }

  await clearRateLimit(db, SIGN_IN_FAILURES, lockSubject);
  // Locked by staff: the password was right, so this is no failed guess and counts toward no
  // limit — after an unlock the very next sign-in must work.
  if (account.locked) {
    await recordSecurityEvent(db, { userId: account.id, type: "sign_in_failed", ...pickMeta(actor), details: "Account locked by support" });
    throw new AppError("FORBIDDEN", { userMessage: ACCOUNT_LOCKED_MESSAGE, reason: "account_locked" });
  }
  let newDevice = false;
  const result = await transactionWithEffects(db, async (tx, effects): Promise<SignInResult> => {
    if (actor.currentSessionId) await invalidateSession(tx, actor.currentSessionId);
    const knownDevice = await hasSignedInFrom(tx, account.id, actor.ip, actor.userAgent);
    // The second factor is owed even when 2FA was turned on after the password was set.
    const session = await createSession(tx, { userId: account.id, ...pickMeta(actor), twoFactorVerified: false }, now);
    await recordSecurityEvent(tx, {
      userId: account.id,
      type: "sign_in",
      ...pickMeta(actor),
      details: account.twoFactorEnabled ? "Password accepted; second factor pending" : undefined,
    });
    newDevice = !knownDevice;
    if (!knownDevice) await effects.email({ to: account.email, ...newSignInNotice({ displayName: account.displayName, ...pickMeta(actor), at: now }) });
    const grant = { token: session.token, expiresAt: session.expiresAt };
    return account.twoFactorEnabled
      ? { kind: "two_factor_required", session: grant }
      : { kind: "signed_in", redirectTo: safeRedirectPath(input.next) ?? "/app", session: grant };
  });
  if (newDevice) {
    await notify(account.id, { type: "security.new_sign_in", title: "New sign-in to your account", body: `From ${describeDevice(actor.userAgent)}${actor.ip ? ` (${actor.ip})` : ""}. If this wasn't you, change your password and sign out other sessions.`, link: "/account/sessions" }, db);
  }
  return result;
}

function pickMeta(actor: RequestMeta): RequestMeta {
  return { ip: actor.ip, userAgent: actor.userAgent };
}
