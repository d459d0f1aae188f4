import "server-only";
import { enterAdminMode } from "@/features/admin/server/admin-mode";
import { assertAdminMode } from "@/server/auth/admin-mode";
import type { Db } from "@/server/db/client";
import type { StaffActor } from "./actor";

/**
 * Admin mode on the staff member's own session, entered here with their password when given
 * (the same checks, limits and audit entry as the admin console's prompt), else required as is.
 */
export async function requireImpersonatorAdminMode(input: { password?: string; code?: string }, actor: StaffActor, db: Db): Promise<void> {
  if (input.password) {
    await enterAdminMode({ password: input.password, code: input.code }, { userId: actor.userId, email: actor.email, ip: actor.ip, sessionId: actor.sessionId }, db);
  }
  await assertAdminMode(db, actor.sessionId);
}
