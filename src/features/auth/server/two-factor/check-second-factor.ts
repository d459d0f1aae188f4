import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { classifySecondFactorCode } from "../../two-factor-schemas";
import { markTotpCodeUsed } from "./attempts";
import { countUnusedRecoveryCodes, spendRecoveryCode } from "./queries";
import { hashRecoveryCode } from "./recovery-codes";
import { openTotpKey, totpCodeMatches } from "./totp";

export type SecondFactorCheck =
  | { ok: true; method: "totp" }
  | { ok: true; method: "recovery_code"; recoveryCodesRemaining: number }
  | { ok: false; reason: "wrong" | "replayed" };

/**
 * Checks a code against the user's key or unused recovery codes. A TOTP code is accepted once
 * and a recovery code is used up, so call it inside the transaction that acts on the result.
 */
export async function checkSecondFactor(
  db: DbOrTx,
  user: { id: string; totpKeyEncrypted: Uint8Array },
  rawCode: string,
  now: Date,
): Promise<SecondFactorCheck> {
  const code = classifySecondFactorCode(rawCode);
  if (!code) return { ok: false, reason: "wrong" };
  if (code.kind === "totp") {
    if (!totpCodeMatches(openTotpKey(user.totpKeyEncrypted), code.code)) return { ok: false, reason: "wrong" };
    return (await markTotpCodeUsed(db, user.id, code.code, now)) ? { ok: true, method: "totp" } : { ok: false, reason: "replayed" };
  }
  if (!(await spendRecoveryCode(db, user.id, hashRecoveryCode(code.code), now))) return { ok: false, reason: "wrong" };
  return { ok: true, method: "recovery_code", recoveryCodesRemaining: await countUnusedRecoveryCodes(db, user.id) };
}

/** `recoveryCodes: false` while turning 2FA on: the person has no recovery codes yet. */
export function wrongSecondFactor(reason: "wrong" | "replayed", { field = "code", recoveryCodes = true } = {}): AppError {
  const message =
    reason === "replayed"
      ? "That code was already used. Wait for the next code in your authenticator app."
      : recoveryCodes
        ? "That code isn't right. Check your authenticator app (or the recovery code) and try again."
        : "That code isn't right. Enter the 6-digit code your authenticator app shows now and try again.";
  return new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { [field]: [message] } });
}

export function notEnabled(): AppError {
  return new AppError("CONFLICT", { userMessage: "Two-factor authentication is not turned on for this account." });
}
