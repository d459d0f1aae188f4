/**
 * Workspace values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */
import { API_KEY_AUDIT_ACTIONS } from "@/features/api-keys/constants";

export const INVITE_TTL_DAYS = 7;

export const INVITE_STATUSES = ["pending", "expired", "accepted", "revoked"] as const;

export const AUDIT_ACTIONS = [
  "workspace.created",
  "workspace.renamed",
  "member.role_changed",
  "member.removed",
  "member.left",
  "ownership.transferred",
  "invite.created",
  "invite.resent",
  "invite.revoked",
  "invite.accepted",
  ...API_KEY_AUDIT_ACTIONS,
] as const;

export const AUDIT_PAGE_SIZE = 25;

export const nextAuditCursor = (page: { nextCursor: string | null }) => page.nextCursor;

/** Shared by the server prefetch and the client list so both address the same cache entry. */
export function auditLogQueryInput(workspaceSlug: string, filters: { action: string; actorUserId: string }) {
  return {
    workspaceSlug,
    limit: AUDIT_PAGE_SIZE,
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actorUserId ? { actorUserId: filters.actorUserId } : {}),
  };
}
