import "server-only";
import type { z } from "zod";
import { verifyPassword } from "@/server/auth/password";
import { recordSecurityEvent } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { disableTwoFactorInput, TwoFactorStatus } from "../../two-factor-schemas";
import type { SessionActor } from "../session-actor";
import { clearSecondFactorAttempts, takeSecondFactorAttempt } from "./attempts";
import { checkSecondFactor, notEnabled, wrongSecondFactor } from "./check-second-factor";
import { clearTotpKey, deleteUnverifiedSessions, replaceRecoveryCodes, selectTwoFactorUser } from "./queries";

/**
 * Needs both factors, so a borrowed unlocked laptop alone can't weaken the account. Sessions
 * that passed only the password are signed out: without 2FA they would become full sessions.
 */
export async function disableTwoFactor(
  input: z.output<typeof disableTwoFactorInput>,
  actor: SessionActor,
  db: DbOrTx,
  now = new Date(),
): Promise<TwoFactorStatus> {
  const user = await selectTwoFactorUser(db, actor.userId);
  if (!user?.totpKeyEncrypted) throw notEnabled();
  await takeSecondFactorAttempt(db, actor.userId, now);
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const message = "That password isn't right.";
    throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { password: [message] } });
  }
  const key = user.totpKeyEncrypted;
  const check = await db.transaction(async (tx) => {
    const result = await checkSecondFactor(tx, { id: user.id, totpKeyEncrypted: key }, input.code, now);
    if (!result.ok) return result;
    await clearTotpKey(tx, actor.userId);
    await replaceRecoveryCodes(tx, actor.userId, []);
    await deleteUnverifiedSessions(tx, actor.userId, actor.sessionId);
    await recordSecurityEvent(tx, { userId: actor.userId, type: "two_factor_disabled", ip: actor.ip, userAgent: actor.userAgent });
    return result;
  });
  if (!check.ok) throw wrongSecondFactor(check.reason);
  await clearSecondFactorAttempts(db, actor.userId);
  return { enabled: false, recoveryCodesRemaining: 0 };
}
