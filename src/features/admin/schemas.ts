import { z } from "zod";
import { currentPasswordSchema } from "@/features/auth/schemas";
import { secondFactorCode } from "@/features/auth/two-factor-schemas";
import { text } from "@/lib/text";
import { STAFF_REASON } from "./constants";
export * from "./constants";

export const adminModeStatus = z.object({
  active: z.boolean(),
  expiresAt: z.date().nullable(),
  /** Whether entering admin mode will ask for a second factor too. */
  needsCode: z.boolean(),
});
export type AdminModeStatus = z.infer<typeof adminModeStatus>;

export const enterAdminModeInput = z.object({
  password: currentPasswordSchema(),
  /** Required when the staff member has two-factor authentication on. */
  code: secondFactorCode.optional(),
});
export type EnterAdminModeInput = z.input<typeof enterAdminModeInput>;

const SEARCH_MAX = 200;
const searchQuery = text("Search").trim().max(SEARCH_MAX, `Search must be at most ${SEARCH_MAX} characters`);
const cursor = text("Cursor").max(512, "That page cursor is not valid for this list").nullish();

export const searchInput = z.object({ query: searchQuery.default(""), cursor, limit: z.number().int().min(1).max(100).default(25) });
export type SearchInput = z.input<typeof searchInput>;

export const userHit = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  staffRole: z.enum(["support", "product", "admin"]).nullable(),
  locked: z.boolean(),
  createdAt: z.date(),
});
export const searchUsersOutput = z.object({ items: z.array(userHit), nextCursor: z.string().nullable() });
export type UserHit = z.infer<typeof userHit>;

export const workspaceHit = z.object({ id: z.string(), slug: z.string(), name: z.string(), plan: z.string(), personal: z.boolean(), members: z.number().int(), createdAt: z.date() });
export const searchWorkspacesOutput = z.object({ items: z.array(workspaceHit), nextCursor: z.string().nullable() });
export type WorkspaceHit = z.infer<typeof workspaceHit>;

/** The staff audit log, newest first: the query matches the actor's email, the action, the target id or the reason. */
export const auditInput = searchInput;
export const auditEntry = z.object({
  id: z.string(),
  actorEmail: z.string(),
  impersonatorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  createdAt: z.date(),
});
export const auditOutput = z.object({ items: z.array(auditEntry), nextCursor: z.string().nullable() });
export type AuditEntry = z.infer<typeof auditEntry>;

export const idInput = (label: string) => z.object({ id: z.uuid({ error: `That ${label} doesn't exist` }) });
export const userIdInput = idInput("user");
export const workspaceIdInput = idInput("workspace");

const at = z.date();
export const adminUserDetail = z.object({
  profile: userHit.extend({ lockedAt: at.nullable(), lockedReason: z.string().nullable(), updatedAt: at }),
  sessions: z.array(z.object({ publicId: z.string(), device: z.string(), ip: z.string().nullable(), createdAt: at, lastSeenAt: at, twoFactorVerified: z.boolean() })),
  securityLog: z.array(z.object({ id: z.string(), type: z.string(), details: z.string().nullable(), ip: z.string().nullable(), createdAt: at })),
  workspaces: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), role: z.string(), plan: z.string(), personal: z.boolean(), owners: z.number().int() })),
  apiKeys: z.array(z.object({ id: z.string(), workspaceSlug: z.string(), name: z.string(), environment: z.string(), start: z.string(), scopes: z.array(z.string()), createdAt: at, lastUsedAt: at.nullable(), revokedAt: at.nullable(), expiresAt: at.nullable() })),
  mail: z.array(z.object({ id: z.string(), subject: z.string(), createdAt: at, sentAt: at.nullable(), deadLettered: z.boolean() })),
  notifications: z.array(z.object({ id: z.string(), title: z.string(), type: z.string(), createdAt: at, read: z.boolean() })),
  feedback: z.array(z.object({ id: z.string(), title: z.string(), status: z.string(), voteCount: z.number().int(), workspaceSlug: z.string(), createdAt: at })),
  billing: z.array(z.object({ workspaceSlug: z.string(), plan: z.string(), status: z.string().nullable(), seats: z.number().int().nullable(), cancelAtPeriodEnd: z.boolean() })),
  requests: z.array(z.object({ requestId: z.string(), method: z.string(), path: z.string(), status: z.number().int(), createdAt: at })),
});
export type AdminUserDetail = z.infer<typeof adminUserDetail>;

/** The user's newest requests in the app (browser session), newest first; API requests are in `adminUserDetail.requests`. */
export const adminUserRecentRequests = z.object({
  items: z.array(
    z.object({
      requestId: z.string(),
      method: z.string(),
      path: z.string(),
      status: z.number().int(),
      ok: z.boolean(),
      /** Set when staff made the request while impersonating this user. */
      impersonator: z.object({ id: z.string(), email: z.string() }).nullable(),
      createdAt: at,
    }),
  ),
});
export type AdminUserRecentRequests = z.infer<typeof adminUserRecentRequests>;

export const adminWorkspaceDetail = z.object({
  workspace: z.object({ id: z.string(), slug: z.string(), name: z.string(), plan: z.string(), seats: z.number().int().nullable(), personal: z.boolean(), createdAt: at }),
  members: z.array(z.object({ userId: z.string(), email: z.string(), displayName: z.string(), role: z.string(), joinedAt: at, locked: z.boolean() })),
  subscription: z.object({ status: z.string(), plan: z.string(), interval: z.string(), seats: z.number().int(), cancelAtPeriodEnd: z.boolean() }).nullable(),
  usage: z.object({ apiRequestsThisMonth: z.number().int(), boards: z.number().int(), posts: z.number().int() }),
  apiKeys: z.array(z.object({ id: z.string(), name: z.string(), environment: z.string(), start: z.string(), createdByEmail: z.string().nullable(), createdAt: at, lastUsedAt: at.nullable(), revokedAt: at.nullable() })),
  boards: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), visibility: z.string(), posts: z.number().int() })),
  audit: z.array(z.object({ id: z.string(), action: z.string(), actorEmail: z.string().nullable(), impersonatorId: z.string().nullable(), targetType: z.string().nullable(), createdAt: at })),
});
export type AdminWorkspaceDetail = z.infer<typeof adminWorkspaceDetail>;

export const reasonField = text("Reason", { required: "Give a reason" }).trim().min(STAFF_REASON.min, STAFF_REASON.tooShort).max(STAFF_REASON.max, STAFF_REASON.tooLong);
const userAction = z.object({ userId: z.uuid({ error: "That user doesn't exist" }), reason: reasonField });
export const userActionInput = userAction;
export const lockUserInput = userAction.extend({ locked: z.boolean({ error: "Say whether to lock or unlock" }) });
export const deleteUserInput = userAction.extend({
  confirmEmail: text("Confirmation").trim().toLowerCase().min(1, "Type the account's email address to confirm").max(320, "Type the account's email address to confirm"),
});
export const transferOwnershipInput = z.object({
  workspaceId: z.uuid({ error: "That workspace doesn't exist" }),
  newOwnerId: z.uuid({ error: "Choose a member to become the owner" }),
  reason: reasonField,
});
export type UserActionInput = z.input<typeof userActionInput>;

export const actionResult = z.object({ ok: z.literal(true), message: z.string() });
export type ActionResult = z.infer<typeof actionResult>;
