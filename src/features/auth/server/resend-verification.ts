import "server-only";
import type { RequestMeta } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { consumeRateLimit } from "@/server/rate-limit/consume";
import { verifyEmailMessage } from "./emails";
import { minutesUntil, RESEND_VERIFICATION_PER_ACCOUNT, RESEND_VERIFICATION_PER_IP, tooManyRequests, VERIFY_EMAIL_TTL_MS } from "./policy";
import { insertAuthToken, selectAccountById } from "./queries";

export type ResendVerificationResult = { kind: "sent"; email: string } | { kind: "already_verified" };

export async function resendVerification(actor: RequestMeta & { userId: string }, db: Db, now = new Date()): Promise<ResendVerificationResult> {
  const account = await selectAccountById(db, actor.userId);
  if (!account) throw new AppError("UNAUTHORIZED", { userMessage: "Sign in to continue." });
  if (account.emailVerified) return { kind: "already_verified" };

  for (const [rule, subject] of [
    [RESEND_VERIFICATION_PER_ACCOUNT, `user:${account.id}`],
    [RESEND_VERIFICATION_PER_IP, `ip:${actor.ip}`],
  ] as const) {
    const limit = await consumeRateLimit(db, rule, subject, now);
    if (!limit.allowed) {
      throw tooManyRequests(
        `We've sent several verification emails already. Check your inbox and spam folder, or try again in ${minutesUntil(limit.retryAfterSeconds)}.`,
        limit.retryAfterSeconds,
      );
    }
  }

  return transactionWithEffects(db, async (tx, effects) => {
    const token = await insertAuthToken(tx, { userId: account.id, purpose: "verify_email", email: account.email, ttlMs: VERIFY_EMAIL_TTL_MS, now });
    await effects.email({ to: account.email, ...verifyEmailMessage({ displayName: account.displayName, token }) });
    return { kind: "sent", email: account.email };
  });
}
