import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { resendVerification } from "@/features/auth/server/resend-verification";
import { requestPasswordReset } from "@/features/auth/server/request-password-reset";
import type { ActionResult, userActionInput } from "../schemas";
import { loadTargetUser, recordAccountAction, type StaffActor } from "./account-action";
import { assertMayActOn } from "./staff-guard";

type Input = z.output<typeof userActionInput>;

/** Sends the user a fresh verification link (the account's own resend limits apply). */
export async function resendVerificationFor(input: Input, actor: StaffActor, db: Db): Promise<ActionResult> {
  const user = await loadTargetUser(db, input.userId);
  assertMayActOn(actor, user);
  const result = await resendVerification({ userId: user.id, ip: actor.ip, userAgent: actor.userAgent }, db);
  if (result.kind === "already_verified") throw new AppError("CONFLICT", { userMessage: `${user.email} is already verified.` });
  await db.transaction((tx) => recordAccountAction(tx, actor, user, { action: "user.resend_verification", reason: input.reason, told: "sent you a new verification link" }));
  return { ok: true, message: `A new verification link was sent to ${user.email}.` };
}

/** Marks the address verified without the link (e.g. the mail never arrives and support confirmed the address another way). */
export async function markEmailVerified(input: Input, actor: StaffActor, db: Db, now = new Date()): Promise<ActionResult> {
  const user = await loadTargetUser(db, input.userId);
  assertMayActOn(actor, user);
  return db.transaction(async (tx) => {
    const updated = await tx.update(users).set({ emailVerifiedAt: now }).where(and(eq(users.id, user.id), isNull(users.emailVerifiedAt))).returning({ id: users.id });
    if (updated.length === 0) throw new AppError("CONFLICT", { userMessage: `${user.email} is already verified.` });
    await recordAccountAction(tx, actor, user, { action: "user.mark_verified", reason: input.reason, told: "marked your email address verified", before: { emailVerified: false }, after: { emailVerified: true } });
    return { ok: true as const, message: `${user.email} is now verified.` };
  });
}

/** Emails the user a password-reset link, exactly as "Forgot password" would (same limits). */
export async function sendPasswordResetFor(input: Input, actor: StaffActor, db: Db): Promise<ActionResult> {
  const user = await loadTargetUser(db, input.userId);
  assertMayActOn(actor, user);
  await requestPasswordReset({ email: user.email }, { ip: actor.ip, userAgent: actor.userAgent }, db);
  await db.transaction((tx) => recordAccountAction(tx, actor, user, { action: "user.send_password_reset", reason: input.reason, told: "sent you a password reset link" }));
  return { ok: true, message: `A password reset link was sent to ${user.email}.` };
}
