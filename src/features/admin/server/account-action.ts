import "server-only";
import { eq } from "drizzle-orm";
import { recordSecurityEvent, recordStaffAudit, type StaffAuditActor } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { AppError } from "@/server/errors";

/** A staff member acting from the console: who (for both logs) and from where. */
export type StaffActor = StaffAuditActor & { displayName: string; staffRole: string; userAgent: string | null };

export async function loadTargetUser(db: DbOrTx, userId: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, emailVerifiedAt: users.emailVerifiedAt, totp: users.totpKeyEncrypted, lockedAt: users.lockedAt, lockedReason: users.lockedReason, staffRole: users.staffRole })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new AppError("NOT_FOUND", { userMessage: "That user doesn't exist (or was deleted)." });
  return user;
}

/**
 * Both records of a staff action on an account, in the caller's transaction: the staff audit
 * log (append-only) and the user's own security log, which says who on support did what and why.
 */
export async function recordAccountAction(
  tx: DbOrTx,
  actor: StaffActor,
  target: { id: string },
  entry: { action: string; reason: string; told: string; before?: unknown; after?: unknown },
): Promise<void> {
  await recordStaffAudit(tx, actor, { action: entry.action, target: { type: "user", id: target.id }, reason: entry.reason, before: entry.before, after: entry.after });
  await recordSecurityEvent(tx, { userId: target.id, type: "support_action", ip: actor.ip, userAgent: actor.userAgent, details: `Support (${actor.displayName}) ${entry.told} — ${entry.reason}` });
}
