import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { invalidateUserSessions } from "@/server/auth/session";
import type { Db } from "@/server/db/client";
import { recoveryCodes, users } from "@/server/db/schema";
import { transactionWithEffects } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { clearRateLimit } from "@/server/rate-limit/consume";
import { SIGN_IN_FAILURES } from "@/features/auth/server/policy";
import type { ActionResult, lockUserInput, userActionInput } from "../schemas";
import { loadTargetUser, recordAccountAction, type StaffActor } from "./account-action";
import { supportChangedAccountMessage } from "./emails";
import { assertMayActOn } from "./staff-guard";

/**
 * Turns two-factor off for someone who lost their device (after support verified them), signs
 * them out everywhere, and emails them: they should turn it on again once signed in.
 */
export async function resetTwoFactorFor(input: z.output<typeof userActionInput>, actor: StaffActor, db: Db): Promise<ActionResult> {
  const user = await loadTargetUser(db, input.userId);
  assertMayActOn(actor, user);
  if (!user.totp) throw new AppError("CONFLICT", { userMessage: `${user.email} doesn't have two-factor authentication on.` });
  await transactionWithEffects(db, async (tx, effects) => {
    await tx.update(users).set({ totpKeyEncrypted: null, updatedAt: new Date() }).where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await invalidateUserSessions(tx, user.id);
    await recordAccountAction(tx, actor, user, { action: "user.reset_two_factor", reason: input.reason, told: "turned off two-factor authentication and signed you out", before: { twoFactor: true }, after: { twoFactor: false } });
    await effects.email({
      to: user.email,
      ...supportChangedAccountMessage({
        displayName: user.displayName,
        subject: "Two-factor authentication was turned off",
        what: "Groundwork support turned off two-factor authentication on your account, at your request, and signed you out everywhere.",
        reason: input.reason,
        next: "Sign in with your password and turn two-factor authentication on again. If you didn't ask for this, reset your password now and contact support.",
        link: { label: "Security settings", path: "/account/security" },
      }),
    });
  });
  return { ok: true, message: `Two-factor authentication is off for ${user.email}; they were emailed.` };
}

export async function revokeUserSessions(input: z.output<typeof userActionInput>, actor: StaffActor, db: Db): Promise<ActionResult> {
  const user = await loadTargetUser(db, input.userId);
  assertMayActOn(actor, user);
  const count = await db.transaction(async (tx) => {
    const removed = await invalidateUserSessions(tx, user.id);
    await recordAccountAction(tx, actor, user, { action: "user.revoke_sessions", reason: input.reason, told: `signed you out on every device (${removed})`, after: { sessionsRevoked: removed } });
    return removed;
  });
  return { ok: true, message: `Signed ${user.email} out of ${count} session${count === 1 ? "" : "s"}.` };
}

/**
 * Lock: refused at sign-in (with a way to reach support) and signed out now. Unlock also clears
 * the account's failed-sign-in count, so attempts refused while locked don't keep them out.
 */
export async function setUserLock(input: z.output<typeof lockUserInput>, actor: StaffActor, db: Db, now = new Date()): Promise<ActionResult> {
  const user = await loadTargetUser(db, input.userId);
  assertMayActOn(actor, user);
  if (Boolean(user.lockedAt) === input.locked) throw new AppError("CONFLICT", { userMessage: `${user.email} is already ${input.locked ? "locked" : "unlocked"}.` });
  await transactionWithEffects(db, async (tx, effects) => {
    await tx.update(users).set(input.locked ? { lockedAt: now, lockedReason: input.reason } : { lockedAt: null, lockedReason: null }).where(eq(users.id, user.id));
    if (input.locked) await invalidateUserSessions(tx, user.id);
    else await clearRateLimit(tx, SIGN_IN_FAILURES, `email:${user.email}`);
    await recordAccountAction(tx, actor, user, {
      action: input.locked ? "user.lock" : "user.unlock",
      reason: input.reason,
      told: input.locked ? "locked your account" : "unlocked your account",
      before: { locked: !input.locked },
      after: { locked: input.locked },
    });
    await effects.email({
      to: user.email,
      ...supportChangedAccountMessage(
        input.locked
          ? { displayName: user.displayName, subject: "Your Groundwork account is locked", what: "Groundwork support locked your account; you can't sign in until it is unlocked.", reason: input.reason, next: "If you think this is a mistake, contact support.", link: { label: "Contact support", path: "/support" } }
          : { displayName: user.displayName, subject: "Your Groundwork account is unlocked", what: "Groundwork support unlocked your account; you can sign in again.", reason: input.reason, next: "Sign in with your password as usual.", link: { label: "Sign in", path: "/sign-in" } },
      ),
    });
  });
  return { ok: true, message: `${user.email} is ${input.locked ? "locked and signed out everywhere" : "unlocked"}.` };
}
