import "server-only";
import type { RequestMeta } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { consumeRateLimit } from "@/server/rate-limit/consume";
import type { RequestPasswordResetInput } from "../schemas";
import { resetPasswordMessage } from "./emails";
import { minutesUntil, PASSWORD_RESET_PER_ACCOUNT, RESET_PASSWORD_TTL_MS, tooManyRequests } from "./policy";
import { insertAuthToken, selectAccountByEmail } from "./queries";

/**
 * The same answer whether or not the address has an account, so the form can't be used to
 * find out who has one. The per-address limit counts unknown addresses too, for the same reason.
 */
export async function requestPasswordReset(input: RequestPasswordResetInput, _actor: RequestMeta, db: Db, now = new Date()): Promise<{ kind: "sent" }> {
  const limit = await consumeRateLimit(db, PASSWORD_RESET_PER_ACCOUNT, `email:${input.email}`, now);
  if (!limit.allowed) {
    throw tooManyRequests(`Several reset emails were sent to this address already. Check your inbox, or try again in ${minutesUntil(limit.retryAfterSeconds)}.`, limit.retryAfterSeconds);
  }
  const account = await selectAccountByEmail(db, input.email);
  if (account) {
    await transactionWithEffects(db, async (tx, effects) => {
      const token = await insertAuthToken(tx, { userId: account.id, purpose: "reset_password", email: account.email, ttlMs: RESET_PASSWORD_TTL_MS, now });
      await effects.email({ to: account.email, ...resetPasswordMessage({ displayName: account.displayName, token }) });
    });
  }
  return { kind: "sent" };
}
