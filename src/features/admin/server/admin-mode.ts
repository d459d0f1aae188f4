import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { recordStaffAudit, type StaffAuditActor } from "@/server/audit";
import { adminModeState, endAdminMode, grantAdminMode, readAdminMode } from "@/server/auth/admin-mode";
import { verifyPassword } from "@/server/auth/password";
import type { DbOrTx } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { limitPasswordChecks } from "@/features/auth/server/policy";
import { checkSecondFactor, wrongSecondFactor } from "@/features/auth/server/two-factor/check-second-factor";
import { clearSecondFactorAttempts, takeSecondFactorAttempt } from "@/features/auth/server/two-factor/attempts";
import type { AdminModeStatus, enterAdminModeInput } from "../schemas";

export type AdminModeActor = StaffAuditActor & { sessionId: string };

export async function getAdminMode(actor: { userId: string; sessionId: string }, db: DbOrTx, now = new Date()): Promise<AdminModeStatus> {
  const [state, [user]] = await Promise.all([
    readAdminMode(db, actor.sessionId, now),
    db.select({ totp: users.totpKeyEncrypted }).from(users).where(eq(users.id, actor.userId)),
  ]);
  return { ...state, needsCode: Boolean(user?.totp) };
}

/**
 * Password, then (when on) the second factor, each a field error when wrong. Password checks
 * share the account's limit with the other password-confirmed actions, so admin mode is no side
 * door for guessing. Entering is itself audited: who opened write access, when and from where.
 */
export async function enterAdminMode(input: z.output<typeof enterAdminModeInput>, actor: AdminModeActor, db: DbOrTx, now = new Date()): Promise<AdminModeStatus> {
  const [user] = await db.select({ passwordHash: users.passwordHash, totp: users.totpKeyEncrypted }).from(users).where(eq(users.id, actor.userId));
  if (!user) throw new AppError("UNAUTHORIZED", { userMessage: "Sign in to continue." });
  await limitPasswordChecks(db, actor.userId);
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const message = "That password isn't right.";
    throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { password: [message] } });
  }
  const totp = user.totp;
  if (totp) {
    if (!input.code) {
      const message = "Enter the code from your authenticator app (or a recovery code).";
      throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { code: [message] } });
    }
    await takeSecondFactorAttempt(db, actor.userId, now);
    const check = await checkSecondFactor(db, { id: actor.userId, totpKeyEncrypted: totp }, input.code, now);
    if (!check.ok) throw wrongSecondFactor(check.reason);
    await clearSecondFactorAttempts(db, actor.userId);
  }
  const state = await db.transaction(async (tx) => {
    const granted = await grantAdminMode(tx, actor.sessionId, now);
    await recordStaffAudit(tx, actor, { action: "admin_mode.enter", target: { type: "user", id: actor.userId }, after: { expiresAt: granted.expiresAt } });
    return granted;
  });
  return { ...state, needsCode: Boolean(totp) };
}

export async function exitAdminMode(actor: { userId: string; sessionId: string }, db: DbOrTx): Promise<AdminModeStatus> {
  await endAdminMode(db, actor.sessionId);
  return { ...adminModeState(null), needsCode: false };
}
