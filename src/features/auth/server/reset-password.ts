import "server-only";
import { recordSecurityEvent, type RequestMeta } from "@/server/audit";
import { hashPassword } from "@/server/auth/password";
import { createSession, invalidateUserSessions } from "@/server/auth/session";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { clearRateLimit } from "@/server/rate-limit/consume";
import { endLiveConnections } from "@/server/realtime/end-connections";
import type { ResetPasswordInput, TokenFailure } from "../schemas";
import { passwordChangedNotice } from "./emails";
import { assertAcceptablePassword, SIGN_IN_FAILURES, type SessionGrant } from "./policy";
import { consumeAuthToken, markEmailVerified, retireAuthTokens, selectAccountById, updatePasswordHash } from "./queries";

export type ResetPasswordResult =
  | { kind: "signed_in"; redirectTo: string; session: SessionGrant }
  | { kind: "two_factor_required"; session: SessionGrant }
  | { kind: "invalid_token"; reason: TokenFailure };

/**
 * Sets the new password, signs the account out everywhere and in again here. A rejected
 * password throws inside the transaction, so the link stays usable for a second try.
 */
export async function resetPassword(input: ResetPasswordInput, actor: RequestMeta, db: Db, now = new Date()): Promise<ResetPasswordResult> {
  assertAcceptablePassword(input.password, { field: "password", label: "New password", email: null });
  const passwordHash = await hashPassword(input.password);
  const result = await transactionWithEffects(db, async (tx, effects): Promise<ResetPasswordResult & { email?: string }> => {
    const consumed = await consumeAuthToken(tx, input.token, "reset_password", now);
    if (consumed.kind === "failed") return { kind: "invalid_token", reason: consumed.reason };
    const account = await selectAccountById(tx, consumed.userId);
    if (!account || account.email !== consumed.email) return { kind: "invalid_token", reason: "invalid" };
    assertAcceptablePassword(input.password, { field: "password", label: "New password", email: account.email });

    await updatePasswordHash(tx, account.id, passwordHash);
    await invalidateUserSessions(tx, account.id);
    await endLiveConnections({ userId: account.id }, tx);
    await retireAuthTokens(tx, account.id, ["reset_password"], now);
    // The link reached this inbox, which proves the address as well as a verification link would.
    await markEmailVerified(tx, account.id, account.email, now);
    await recordSecurityEvent(tx, { userId: account.id, type: "password_reset", ...actor });
    const session = await createSession(tx, { userId: account.id, ...actor, twoFactorVerified: false }, now);
    await effects.email({ to: account.email, ...passwordChangedNotice({ displayName: account.displayName, how: "reset" }) });
    const grant = { token: session.token, expiresAt: session.expiresAt };
    return account.twoFactorEnabled
      ? { kind: "two_factor_required", session: grant, email: account.email }
      : { kind: "signed_in", redirectTo: "/app", session: grant, email: account.email };
  });
  if (result.kind !== "invalid_token" && result.email) await clearRateLimit(db, SIGN_IN_FAILURES, `email:${result.email}`);
  return result;
}
