import "server-only";
import { eq } from "drizzle-orm";
import { ADMIN_MODE_REQUIRED, ADMIN_MODE_TTL_MS } from "@/lib/admin-mode";
import type { DbOrTx } from "@/server/db/client";
import { sessions } from "@/server/db/schema";
import { AppError } from "@/server/errors";

/**
 * Admin mode (GitLab's name): a staff member re-enters their password — and second factor when
 * they have one — and their session may make staff writes for the next 15 minutes. Reading
 * needs no admin mode. The grant lives on the session row, server-side: a stolen cookie alone
 * gets a session that still has to know the password to change anything.
 */
export type AdminModeState = { active: boolean; expiresAt: Date | null };

export function adminModeState(adminModeAt: Date | null, now = new Date()): AdminModeState {
  if (!adminModeAt) return { active: false, expiresAt: null };
  const expiresAt = new Date(adminModeAt.getTime() + ADMIN_MODE_TTL_MS);
  return expiresAt.getTime() > now.getTime() ? { active: true, expiresAt } : { active: false, expiresAt: null };
}

export async function readAdminMode(db: DbOrTx, sessionId: string, now = new Date()): Promise<AdminModeState> {
  const [row] = await db.select({ adminModeAt: sessions.adminModeAt }).from(sessions).where(eq(sessions.id, sessionId));
  return adminModeState(row?.adminModeAt ?? null, now);
}

/** Call only after the password (and second factor) were checked. */
export async function grantAdminMode(db: DbOrTx, sessionId: string, now = new Date()): Promise<AdminModeState> {
  await db.update(sessions).set({ adminModeAt: now }).where(eq(sessions.id, sessionId));
  return adminModeState(now, now);
}

export async function endAdminMode(db: DbOrTx, sessionId: string): Promise<void> {
  await db.update(sessions).set({ adminModeAt: null }).where(eq(sessions.id, sessionId));
}

export async function assertAdminMode(db: DbOrTx, sessionId: string, now = new Date()): Promise<void> {
  if (!(await readAdminMode(db, sessionId, now)).active) {
    throw new AppError("PRECONDITION_FAILED", {
      userMessage: "This change needs admin mode: confirm your password (and two-factor code) first. Admin mode lasts 15 minutes.",
      reason: ADMIN_MODE_REQUIRED,
    });
  }
}
