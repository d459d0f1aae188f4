import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { clearRateLimit, consumeRateLimit, type RateLimitRule } from "@/server/rate-limit/consume";
import { TOTP_CODE_LIFETIME_SECONDS } from "./totp";

/**
 * Second-factor (and, when disabling, password) attempts per user: 5 in 15 minutes. Every
 * attempt takes a slot before it is checked, so parallel guesses can't slip past the limit;
 * a success clears the count, so in effect this counts failures since the last success.
 */
const ATTEMPTS: RateLimitRule = { name: "two-factor-attempts", limit: 5, windowSeconds: 15 * 60 };
const subject = (userId: string) => `user:${userId}`;

export async function takeSecondFactorAttempt(db: DbOrTx, userId: string, now: Date): Promise<void> {
  const result = await consumeRateLimit(db, ATTEMPTS, subject(userId), now);
  if (!result.allowed) {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    throw new AppError("TOO_MANY_REQUESTS", {
      userMessage: `Too many failed attempts. For your security, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      retryAfterSeconds: result.retryAfterSeconds,
    });
  }
}

export async function clearSecondFactorAttempts(db: DbOrTx, userId: string): Promise<void> {
  await clearRateLimit(db, ATTEMPTS, subject(userId));
}

/**
 * Replay protection without a schema change: the rate-limit bucket keyed by user + code is
 * the "used" marker. Its first hit is allowed, any other within the code's whole acceptable
 * lifetime (its step ± the grace) is refused; by the time the bucket's window ends the code
 * no longer verifies anyway. The upsert is atomic, so two requests racing with one code
 * can't both pass. Returns false when the code was already accepted.
 */
export async function markTotpCodeUsed(db: DbOrTx, userId: string, code: string, now: Date): Promise<boolean> {
  const rule: RateLimitRule = { name: "totp-used", limit: 1, windowSeconds: TOTP_CODE_LIFETIME_SECONDS };
  return (await consumeRateLimit(db, rule, `${subject(userId)}:${code}`, now)).allowed;
}
