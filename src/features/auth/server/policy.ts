import "server-only";
import { isCommonPassword } from "@/server/auth/password";
import { AppError } from "@/server/errors";
import type { DbOrTx } from "@/server/db/client";
import { consumeRateLimit, type RateLimitRule } from "@/server/rate-limit/consume";

export const VERIFY_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;
export const RESET_PASSWORD_TTL_MS = 60 * 60 * 1000;
export const CHANGE_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;

/** Failed sign-ins per account (by address, whether or not it exists, so a lockout reveals nothing). */
export const SIGN_IN_FAILURES: RateLimitRule = { name: "sign-in-failures", limit: 5, windowSeconds: 15 * 60 };
export const RESEND_VERIFICATION_PER_ACCOUNT: RateLimitRule = { name: "resend-verification-account", limit: 3, windowSeconds: 15 * 60 };
export const RESEND_VERIFICATION_PER_IP: RateLimitRule = { name: "resend-verification-ip", limit: 10, windowSeconds: 15 * 60 };
/** Attempts with the current password from a signed-in session (a stolen session can't brute-force it). */
export const PASSWORD_CHECKS_PER_ACCOUNT: RateLimitRule = { name: "password-check-account", limit: 10, windowSeconds: 15 * 60 };
export const PASSWORD_RESET_PER_ACCOUNT: RateLimitRule = { name: "password-reset-account", limit: 3, windowSeconds: 15 * 60 };

export function minutesUntil(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function tooManyRequests(userMessage: string, retryAfterSeconds: number): AppError {
  return new AppError("TOO_MANY_REQUESTS", { userMessage, retryAfterSeconds });
}

/**
 * The rules zod can't check on the client: the common-password list lives on the server, and
 * the account's address is known only here for resets and changes.
 */
export function assertAcceptablePassword(password: string, opts: { field: string; label: string; email: string | null }): void {
  const problem =
    opts.email !== null && password.trim().toLowerCase() === opts.email
      ? `${opts.label} can't be your email address`
      : isCommonPassword(password)
        ? `${opts.label} is one of the most common passwords; choose one that's harder to guess`
        : null;
  if (problem) throw new AppError("BAD_REQUEST", { userMessage: problem, fieldErrors: { [opts.field]: [problem] } });
}

/** Counts one password-confirmed action for a signed-in account; throws 429 past the limit. */
export async function limitPasswordChecks(db: DbOrTx, userId: string): Promise<void> {
  const limit = await consumeRateLimit(db, PASSWORD_CHECKS_PER_ACCOUNT, `user:${userId}`);
  if (!limit.allowed) throw tooManyRequests(`Too many attempts with your password. Try again in ${minutesUntil(limit.retryAfterSeconds)}.`, limit.retryAfterSeconds);
}

export type SessionGrant = { token: string; expiresAt: Date };
