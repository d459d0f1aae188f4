import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { auditEvents, securityEvents } from "@/server/db/schema";

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
