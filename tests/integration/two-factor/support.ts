import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { expect, vi } from "vitest";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createUser } from "@/server/db/factories";
import { securityEvents } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";

/** 12:00:05 UTC: 5 s into a 30-second TOTP step, so "the same code" and "the next code" are unambiguous. */
export const T0 = Date.UTC(2026, 5, 1, 12, 0, 5);

/** Only Date is faked: postgres.js and vitest keep their real timers. */
export function freezeTime(at = T0) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
}

export const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

/** What the e2e test does too: read the key the page shows for typing by hand. */
export const keyFromManualKey = (manualKey: string) => decodeBase32IgnorePadding(manualKey.replace(/\s/g, ""));

export const codeFor = (key: Uint8Array) => generateTOTP(key, 30, 6);

export async function newUser(seed: number) {
  return createUser(db, createRandom(seed), { email: `user${seed}@example.test` });
}

/** Turns 2FA on through the procedures, the way the security page does. */
export async function enrollUser(seed: number) {
  const user = await newUser(seed);
  const headers = await signedInHeaders(user.id);
  const caller = await callerWithHeaders(headers);
  const enrollment = await caller.twoFactor.beginEnrollment();
  const key = keyFromManualKey(enrollment.manualKey);
  const { recoveryCodes } = await caller.twoFactor.confirmEnrollment({ enrollmentToken: enrollment.enrollmentToken, code: codeFor(key) });
  return { user, headers, caller, enrollment, key, recoveryCodes };
}

/** A browser that has passed the password step only (what auth.signIn leaves behind for 2FA users). */
export async function pendingCaller(userId: string) {
  const headers = await signedInHeaders(userId, { twoFactorVerified: false });
  return { headers, caller: await callerWithHeaders(headers) };
}

/** Awaits a rejected call and returns the AppError behind it. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const cause = (error as TRPCError).cause;
  expect(cause).toBeInstanceOf(AppError);
  return cause as AppError;
}

export async function eventsOf(userId: string) {
  return db.select({ type: securityEvents.type, details: securityEvents.details }).from(securityEvents).where(eq(securityEvents.userId, userId)).orderBy(securityEvents.id);
}
