import "server-only";
import { recordSecurityEvent } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { confirmEnrollmentInput, RecoveryCodes } from "../../two-factor-schemas";
import type { z } from "zod";
import type { SessionActor } from "../session-actor";
import { clearSecondFactorAttempts, markTotpCodeUsed, takeSecondFactorAttempt } from "./attempts";
import { wrongSecondFactor } from "./check-second-factor";
import { markSessionTwoFactorVerified, replaceRecoveryCodes, requireTwoFactorOnOtherSessions, storeTotpKeyIfUnset } from "./queries";
import { generateRecoveryCodes } from "./recovery-codes";
import { openEnrollmentToken, sealTotpKey, totpCodeMatches } from "./totp";

/**
 * Turns 2FA on once the code proves the app holds the key. The current session counts as
 * verified (it just produced a code); the user's other sessions are kept but must pass the
 * second factor before they are fully signed in again: whoever holds them had only the
 * password, which is exactly what 2FA no longer trusts on its own.
 */
export async function confirmEnrollment(
  input: z.output<typeof confirmEnrollmentInput>,
  actor: SessionActor,
  db: DbOrTx,
  now = new Date(),
): Promise<RecoveryCodes> {
  const opened = openEnrollmentToken(input.enrollmentToken, actor.userId, now);
  if (opened.kind !== "valid") {
    const message = opened.kind === "expired" ? "This setup expired. Start again to get a new QR code." : "This setup is not valid. Start again to get a new QR code.";
    throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { enrollmentToken: [message] } });
  }
  await takeSecondFactorAttempt(db, actor.userId, now);
  if (!totpCodeMatches(opened.key, input.code)) throw wrongSecondFactor("wrong", { recoveryCodes: false });

  const codes = generateRecoveryCodes();
  await db.transaction(async (tx) => {
    if (!(await storeTotpKeyIfUnset(tx, actor.userId, sealTotpKey(opened.key)))) {
      throw new AppError("CONFLICT", { userMessage: "Two-factor authentication is already on for this account." });
    }
    // The code that proved the key can't be replayed to pass a sign-in.
    await markTotpCodeUsed(tx, actor.userId, input.code, now);
    await replaceRecoveryCodes(tx, actor.userId, codes.hashes);
    await markSessionTwoFactorVerified(tx, actor.sessionId);
    await requireTwoFactorOnOtherSessions(tx, actor.userId, actor.sessionId);
    await recordSecurityEvent(tx, { userId: actor.userId, type: "two_factor_enabled", ip: actor.ip, userAgent: actor.userAgent });
  });
  await clearSecondFactorAttempts(db, actor.userId);
  return { recoveryCodes: codes.plain };
}
