import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { auditEvents, securityEvents, staffAuditLog } from "@/server/db/schema";

export const SECURITY_EVENT_TYPES = [
  "sign_up",
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "email_verified",
  "password_changed",
  "password_reset",
  "two_factor_enabled",
  "two_factor_disabled",
  "recovery_code_used",
  "session_revoked",
  "email_change_requested",
  "email_changed",
  "support_viewed",
  "support_write_mode",
  /** Staff changed the account from the admin console; details say who, what and why. */
  "support_action",
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

export type RequestMeta = { ip: string | null; userAgent: string | null };

export async function recordSecurityEvent(
  db: DbOrTx,
  event: { userId: string | null; type: SecurityEventType; email?: string; details?: string } & RequestMeta,
): Promise<void> {
  await db.insert(securityEvents).values(event);
}

export async function recordAuditEvent(
  db: DbOrTx,
  event: {
    workspaceId: string;
    actorUserId: string | null;
    impersonatorId?: string | null;
    action: string;
    target?: { type: string; id: string };
    before?: unknown;
    after?: unknown;
    ip: string | null;
  },
): Promise<void> {
  await db.insert(auditEvents).values({
    workspaceId: event.workspaceId,
    actorUserId: event.actorUserId,
    impersonatorId: event.impersonatorId ?? null,
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
    ip: event.ip,
  });
}

/** Who on staff acted: recorded by id and email as they were (the log outlives accounts). */
export type StaffAuditActor = { userId: string; email: string; impersonatorId?: string | null; ip: string | null };

/**
 * One entry in the staff audit log (append-only; a trigger refuses edits and deletes). Call it
 * in the same transaction as the change, so a change is never made without its entry. Flags use
 * it now; the support console's actions (impersonation, account changes) use it too.
 */
export async function recordStaffAudit(
  db: DbOrTx,
  actor: StaffAuditActor,
  entry: { action: string; target: { type: string; id: string }; reason?: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await db.insert(staffAuditLog).values({
    actorUserId: actor.userId,
    actorEmail: actor.email,
    impersonatorId: actor.impersonatorId ?? null,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    reason: entry.reason ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: actor.ip,
  });
}
