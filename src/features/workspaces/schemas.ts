import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { text } from "@/lib/text";
import { reasonField } from "@/features/admin/schemas";
import { INVITE_STATUSES } from "./constants";
export * from "./constants";

export const WORKSPACE_ROLE_VALUES = ["owner", "admin", "member"] as const;
export const INVITE_ROLE_VALUES = ["admin", "member"] as const;
export const STAFF_ROLE_VALUES = ["support", "product", "admin"] as const;

export const workspaceRole = z.enum(WORKSPACE_ROLE_VALUES, { error: "Role must be owner, admin or member" });
export const inviteRole = z.enum(INVITE_ROLE_VALUES, { error: "Role must be admin or member" });
export type WorkspaceRoleValue = z.infer<typeof workspaceRole>;

export const workspaceName = text("Name")
  .trim()
  .min(1, "Name can't be empty")
  .max(60, "Name must be at most 60 characters");

const email = text("Email")
  .trim()
  .toLowerCase()
  .max(254, "Email must be at most 254 characters")
  .pipe(z.email({ error: "Enter a valid email address, like ada@example.com" }));

const token = text("Token").trim().min(1, "Token is required").max(100, "That invite link is not valid");

// ── workspaces ─────────────────────────────────────────────────────────────────────
export const workspaceSummary = z.object({ slug: z.string(), name: z.string(), personal: z.boolean(), role: workspaceRole });
export type WorkspaceSummary = z.infer<typeof workspaceSummary>;
export const mineOutput = z.array(workspaceSummary);

export const createWorkspaceInput = z.object({ name: workspaceName });
export const slugOutput = z.object({ slug: z.string() });

export const workspaceDetail = workspaceSummary.extend({ memberCount: z.number().int() });
export type WorkspaceDetail = z.infer<typeof workspaceDetail>;

export const renameWorkspaceInput = z.object({ name: workspaceName });
export const deleteWorkspaceInput = z.object({
  confirmName: text("Name", { required: "Type the workspace name to confirm" }).max(200, "That is not the workspace name"),
});

// ── members ────────────────────────────────────────────────────────────────────────
export const member = z.object({ userId: idSchema, displayName: z.string(), email: z.string(), role: workspaceRole, joinedAt: z.date() });
export type Member = z.infer<typeof member>;

export const pendingInvite = z.object({
  id: idSchema,
  email: z.string(),
  role: inviteRole,
  invitedByName: z.string().nullable(),
  createdAt: z.date(),
  expiresAt: z.date(),
  expired: z.boolean(),
});
export type PendingInvite = z.infer<typeof pendingInvite>;

/** `invites` is null for plain members: only admins and owners see who has been invited. */
export const membersOutput = z.object({ members: z.array(member), invites: z.array(pendingInvite).nullable() });
export type MembersList = z.infer<typeof membersOutput>;

export const changeRoleInput = z.object({ userId: idSchema, role: workspaceRole });
export const memberTargetInput = z.object({ userId: idSchema });
export const okOutput = z.object({ ok: z.literal(true) });
export const roleChangeOutput = z.object({ userId: idSchema, role: workspaceRole });

// ── invites ────────────────────────────────────────────────────────────────────────

export const inviteInput = z.object({ email, role: inviteRole });
export const inviteIdInput = z.object({ inviteId: idSchema });
export const tokenInput = z.object({ token });

export const invitePreview = z.object({
  workspaceName: z.string(),
  inviterName: z.string().nullable(),
  email: z.string(),
  role: inviteRole,
  status: z.enum(INVITE_STATUSES),
  expiresAt: z.date(),
});
export type InvitePreview = z.infer<typeof invitePreview>;

// ── audit log ──────────────────────────────────────────────────────────────────────

export const auditLogInput = z.object({
  cursor: idSchema.nullish(),
  limit: z.number({ error: "Limit must be a number" }).int("Limit must be a whole number").min(1, "Limit must be at least 1").max(100, "Limit must be at most 100").default(25),
  action: text("Action").trim().max(64, "Action must be at most 64 characters").optional(),
  actorUserId: idSchema.optional(),
});

const person = z.object({ userId: idSchema, displayName: z.string() });
export const auditEntry = z.object({
  id: idSchema,
  action: z.string(),
  actor: person.nullable(),
  impersonator: person.nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  createdAt: z.date(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditLogOutput = z.object({ items: z.array(auditEntry), nextCursor: idSchema.nullable() });

// ── staff ──────────────────────────────────────────────────────────────────────────
export const setStaffRoleInput = z.object({
  userId: idSchema,
  role: z.enum(STAFF_ROLE_VALUES, { error: "Role must be support, product, admin or null" }).nullable(),
  reason: reasonField,
});
export const staffRoleOutput = z.object({ userId: idSchema, staffRole: z.enum(STAFF_ROLE_VALUES).nullable() });

/** "/invite/abc…" → "abc…": sign-up and sign-in carry the invite link as their `next`. */
export function inviteTokenFromPath(path: string | null | undefined): string | null {
  const match = /^\/invite\/([A-Za-z0-9_-]{1,100})$/.exec(path ?? "");
  return match ? match[1]! : null;
}
