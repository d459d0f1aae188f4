import "server-only";
import type { RequestMeta } from "@/server/audit";

/** The staff member behind an impersonation, acting with their own session. */
export type StaffActor = RequestMeta & { userId: string; email: string; displayName: string; sessionId: string };

export const staffAuditActor = (actor: StaffActor) => ({ userId: actor.userId, email: actor.email, ip: actor.ip });
