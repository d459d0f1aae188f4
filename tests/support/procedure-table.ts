/**
 * Every tRPC procedure with a valid input and who may call it (the authorization table), and
 * the fixture the inputs refer to. The authorization table test and the tRPC fuzz both use it;
 * a procedure missing here fails both.
 */
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { seal } from "@/server/auth/secret-box";
import { createFeedbackBoard, createFeedbackPost, createUser, createWorkspaceWithMembers, FACTORY_PASSWORD } from "@/server/db/factories";
import { feedbackComments } from "@/server/db/schema";

/** `pending`: password accepted, second factor not yet entered (must reach nothing but the 2FA step). */
export const ROLES = ["anonymous", "pending", "outsider", "member", "admin", "owner", "staff"] as const;
export type Role = (typeof ROLES)[number];

let seed = 10_000;
export async function makeFixture() {
  const random = createRandom(++seed);
  // Addresses by seed: ~2,400 factory users here would otherwise draw the same random address.
  const email = (role: string) => `${role}-${seed}@authz.example.test`;
  const [owner, admin, member, outsider, staff, pending] = await Promise.all([
    createUser(db, random, { email: email("owner") }),
    createUser(db, random, { email: email("admin") }),
    createUser(db, random, { email: email("member") }),
    createUser(db, random, { email: email("outsider") }),
    createUser(db, random, { email: email("staff"), staffRole: "admin" }),
    createUser(db, random, { email: email("pending"), totpKeyEncrypted: seal(crypto.getRandomValues(new Uint8Array(20))) }),
  ]);
  const workspace = await createWorkspaceWithMembers(db, random, {
    owner: owner!,
    members: [
      { user: admin!, role: "admin" },
      { user: member!, role: "member" },
    ],
  });
  const other = await createWorkspaceWithMembers(db, random, { owner: outsider! });
  return { owner: owner!, admin: admin!, member: member!, outsider: outsider!, staff: staff!, pending: pending!, workspace, other, feedback: await makeFeedbackFixture(random, workspace.id, member!.id) };
}

/** A public board (with a tag, two posts and a comment by the member) and a private board with one post. */
async function makeFeedbackFixture(random: ReturnType<typeof createRandom>, workspaceId: string, memberId: string) {
  const board = await createFeedbackBoard(db, random, { workspaceId, visibility: "public", tags: ["Billing"] });
  const privateBoard = await createFeedbackBoard(db, random, { workspaceId, visibility: "private" });
  const [post, post2, privatePost] = [
    await createFeedbackPost(db, random, { board, authorId: memberId }),
    await createFeedbackPost(db, random, { board, authorId: memberId }),
    await createFeedbackPost(db, random, { board: privateBoard, authorId: memberId }),
  ];
  const commentId = post.id.replace(/.$/, "c");
  await db.insert(feedbackComments).values({ id: commentId, workspaceId, postId: post.id, threadId: commentId, authorId: memberId, body: "A comment" });
  return { board, privateBoard, post, post2, privatePost, commentId };
}
export type Fixture = Awaited<ReturnType<typeof makeFixture>>;

/**
 * `impersonated`: a staff member impersonating the fixture's owner, read-only or in write mode.
 * Unless a row says otherwise, they may do what the owner may, minus mutations when read-only and
 * minus the never-allowed list (IMPERSONATION_NEVER below, written out here rather than imported,
 * so the test states the rule instead of echoing the code).
 */
export type Row = { allow: readonly Role[]; input: (f: Fixture) => unknown; impersonated?: { read: boolean; write: boolean } };
export const IMPERSONATED_ROLES = ["impersonated-read", "impersonated-write"] as const;

export const IMPERSONATION_NEVER = new Set([
  "auth.changePassword", "auth.resetPassword", "auth.requestPasswordReset",
  "auth.requestEmailChange", "auth.confirmEmailChange", "auth.verifyEmail",
  "auth.signIn", "auth.signUp", "auth.signOut",
  "twoFactor.beginEnrollment", "twoFactor.confirmEnrollment", "twoFactor.disable", "twoFactor.verifySignIn", "twoFactor.regenerateRecoveryCodes",
  "apiKeys.create", "apiKeys.roll",
  "billing.startCheckout", "billing.openPortal",
  "workspaces.delete", "workspaces.acceptInvite",
  "impersonation.setWorkspaceSupportAccess",
  "exports.request",
]);

export function impersonatedExpectation(path: string, row: Row, type: "query" | "mutation" | "subscription"): { read: boolean; write: boolean } {
  if (row.impersonated) return row.impersonated;
  const owner = row.allow.includes("owner") && !IMPERSONATION_NEVER.has(path);
  return { read: owner && type === "query", write: owner };
}
const everyone = ROLES;
const code = "000000";
export const signedIn = ["outsider", "member", "admin", "owner", "staff"] as const;

export const AUTHORIZATION_TABLE: Record<string, Row> = {
  "observability.status": { allow: everyone, input: () => undefined },
  "observability.listPings": { allow: everyone, input: () => ({ limit: 5 }) },
  "observability.recordPing": { allow: everyone, input: () => ({ label: "authz" }) },
  "auth.me": { allow: everyone, input: () => undefined },
  "auth.signUp": { allow: everyone, input: (f) => ({ email: `new-${f.owner.id}@example.com`, displayName: "New Person", password: "a sturdy passphrase 42" }) },
  "auth.signIn": { allow: everyone, input: (f) => ({ email: f.owner.email, password: FACTORY_PASSWORD }) },
  "auth.signOut": { allow: everyone, input: () => undefined },
  "auth.verifyEmail": { allow: everyone, input: () => ({ token: "a".repeat(32) }) },
  "auth.resendVerification": { allow: signedIn, input: () => undefined },
  "auth.requestPasswordReset": { allow: everyone, input: (f) => ({ email: f.owner.email }) },
  "auth.resetPassword": { allow: everyone, input: () => ({ token: "a".repeat(32), password: "a sturdy passphrase 42" }) },
  "auth.changePassword": { allow: signedIn, input: () => ({ currentPassword: "not the password", newPassword: "a sturdy passphrase 42" }) },
  "auth.requestEmailChange": { allow: signedIn, input: (f) => ({ newEmail: `new-${f.owner.id}@example.com`, password: "not the password" }) },
  "auth.confirmEmailChange": { allow: everyone, input: () => ({ token: "a".repeat(32) }) },
  "auth.securityLog": { allow: signedIn, input: () => ({ limit: 5 }) },
  "workspaces.mine": { allow: signedIn, input: () => undefined },
  "workspaces.create": { allow: signedIn, input: () => ({ name: "Authz Workspace" }) },
  "workspaces.get": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "workspaces.members": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "workspaces.rename": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, name: "Renamed" }) },
  "workspaces.delete": { allow: ["owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, confirmName: f.workspace.name }) },
  "workspaces.changeRole": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, userId: f.member.id, role: "admin" }) },
  "workspaces.removeMember": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, userId: f.member.id }) },
  // The owner is allowed to try; as the last owner they get CONFLICT (a business refusal).
  "workspaces.leave": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "workspaces.transferOwnership": { allow: ["owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, userId: f.admin.id }) },
  "workspaces.invite": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, email: "authz-invitee@example.com", role: "member" }) },
  // The fixture has no invites: a malformed id is parsed after the membership check, so admins get 400, others 403/404.
  "workspaces.resendInvite": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, inviteId: "not-an-id" }) },
  "workspaces.revokeInvite": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, inviteId: "not-an-id" }) },
  // Public: an empty token is a 400 for everyone (tests/integration/workspaces covers real tokens).
  "workspaces.invitePreview": { allow: everyone, input: () => ({ token: "" }) },
  "workspaces.acceptInvite": { allow: signedIn, input: () => ({ token: "" }) },
  "workspaces.auditLog": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, limit: 5 }) },
  // The workspace home: members see activity and people; plan and usage are filled for admins only (tests/integration/workspaces/home.test.ts).
  "home.workspace": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "twoFactor.status": { allow: signedIn, input: () => undefined },
  "twoFactor.beginEnrollment": { allow: signedIn, input: () => undefined },
  "twoFactor.confirmEnrollment": { allow: signedIn, input: () => ({ enrollmentToken: "not-a-token", code }) },
  "twoFactor.disable": { allow: signedIn, input: () => ({ password: "not the password", code }) },
  "twoFactor.regenerateRecoveryCodes": { allow: signedIn, input: () => ({ code }) },
  // The only procedure a pending session may call; fully signed-in users get CONFLICT ("already signed in").
  "twoFactor.verifySignIn": { allow: [...signedIn, "pending"], input: () => ({ code }) },
  "sessions.list": { allow: signedIn, input: () => undefined },
  // A malformed id: signed-in callers get past authorization and fail validation (400).
  "sessions.revoke": { allow: signedIn, input: () => ({ id: "x" }) },
  "sessions.revokeOthers": { allow: signedIn, input: () => undefined },
  "staff.setStaffRole": { allow: ["staff"], input: (f) => ({ userId: f.member.id, role: "support", reason: "Authz check" }) },
  // Jobs: staff only (the table's staff user is an admin; support is the minimum). Without the
  // local dev server, run queries are PRECONDITION_FAILED for staff — past authorization.
  "jobs.overview": { allow: ["staff"], input: () => undefined },
  "jobs.runs": { allow: ["staff"], input: () => ({ limit: 5 }) },
  "jobs.run": { allow: ["staff"], input: () => ({ id: "run-that-does-not-exist" }) },
  "jobs.outbox": { allow: ["staff"], input: () => ({ state: "dead_lettered", limit: 5 }) },
  "jobs.replayEmail": { allow: ["staff"], input: (f) => ({ outboxId: f.member.id }) },
  "jobs.replayRun": { allow: ["staff"], input: () => ({ runId: "run-that-does-not-exist" }) },
  // Public: signed-out visitors of a public feedback board need the transport too.
  "realtime.config": { allow: everyone, input: () => undefined },
  // Own rows only (tests/integration/notifications, exports): a malformed id is a 400 past authorization.
  "notifications.list": { allow: signedIn, input: () => ({ limit: 5 }) },
  "notifications.unreadCount": { allow: signedIn, input: () => undefined },
  "notifications.markRead": { allow: signedIn, input: () => ({ id: "not-an-id" }) },
  "notifications.markAllRead": { allow: signedIn, input: () => ({}) },
  "notifications.preferences": { allow: signedIn, input: () => undefined },
  "notifications.updatePreferences": { allow: signedIn, input: () => ({ feedbackStatusEmail: false }) },
  // The signed token is the authorization: anyone holding the link may use it, signed in or not.
  "notifications.unsubscribe": { allow: everyone, input: () => ({ token: "not-a-token" }) },
  "exports.request": { allow: signedIn, input: () => undefined },
  "exports.list": { allow: signedIn, input: () => undefined },
  "exports.get": { allow: signedIn, input: () => ({ id: "not-an-id" }) },
  "realtime.workspaceChannel": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  // Feedback: reads of the PRIVATE board (members only; everyone else NOT_FOUND); public boards are
  // readable by all (tests/integration/feedback). Writes target the public board: any signed-in
  // user may post, vote and comment; moderation is admins'. A pending-2FA session counts as signed out.
  "feedback.boards": { allow: everyone, input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "feedback.board": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, boardSlug: f.feedback.privateBoard.slug }) },
  "feedback.posts": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, boardId: f.feedback.privateBoard.id }) },
  "feedback.post": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, postId: f.feedback.privatePost.id }) },
  "feedback.similar": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, boardId: f.feedback.privateBoard.id, title: "Dark mode" }) },
  "feedback.roadmap": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, boardId: f.feedback.privateBoard.id }) },
  "feedback.changelog": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, boardId: f.feedback.privateBoard.id }) },
  "feedback.comments": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, postId: f.feedback.privatePost.id }) },
  "feedback.createPost": { allow: signedIn, input: (f) => ({ workspaceSlug: f.workspace.slug, boardId: f.feedback.board.id, title: "An authz idea" }) },
  "feedback.setVote": { allow: signedIn, input: (f) => ({ workspaceSlug: f.workspace.slug, postId: f.feedback.post.id, voted: true }) },
  "feedback.createComment": { allow: signedIn, input: (f) => ({ workspaceSlug: f.workspace.slug, postId: f.feedback.post.id, body: "Me too" }) },
  // The member wrote it, but the factory dates it past the edit window: only admins may edit now.
  "feedback.updatePost": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, postId: f.feedback.post.id, title: "Edited", body: "", tags: [] }) },
  "feedback.updateComment": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, commentId: f.feedback.commentId, body: "Edited" }) },
  "feedback.deleteComment": { allow: ["member", "admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, commentId: f.feedback.commentId }) },
  "feedback.setStatus": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, postId: f.feedback.post.id, status: "planned" }) },
  "feedback.moderate": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, postId: f.feedback.post.id, action: "pin" }) },
  "feedback.merge": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, postId: f.feedback.post2.id, intoPostId: f.feedback.post.id }) },
  "feedback.createBoard": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, slug: "authz-board", name: "Authz board" }) },
  "feedback.updateBoard": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, boardId: f.feedback.board.id, name: "Renamed", description: "", visibility: "public" }) },
  "feedback.createTag": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, boardId: f.feedback.board.id, name: "Mobile" }) },
  "feedback.deleteTag": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, boardId: f.feedback.board.id, slug: "billing" }) },
  // API keys: admins and owners only (tests/integration/api-keys covers tenancy and every outcome).
  "apiKeys.list": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, limit: 5 }) },
  "apiKeys.create": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, name: "Authz key", scopes: ["posts:read"] }) },
  "apiKeys.update": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, keyId: "not-an-id", name: "Renamed" }) },
  "apiKeys.revoke": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, keyId: "not-an-id" }) },
  "apiKeys.roll": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, keyId: "not-an-id", graceSeconds: 0 }) },
  "apiKeys.transfer": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, fromUserId: f.member.id, toUserId: f.admin.id }) },
  "apiKeys.countForMember": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, userId: f.member.id }) },
  "apiKeys.usage": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, days: 7 }) },
  "apiKeys.requestLog": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, limit: 5 }) },
  // Flags: evaluation is everyone's (values for the caller only; tests/integration/flags/tenancy.test.ts);
  // everything else is staff (the table's staff user is an admin; writes need product+, reads and the kill switch support+).
  "flags.evaluate": { allow: everyone, input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "flags.list": { allow: ["staff"], input: () => undefined },
  "flags.explain": { allow: ["staff"], input: (f) => ({ key: "boards.trending-sort", userEmail: f.member.email, workspaceSlug: f.workspace.slug }) },
  "flags.audit": { allow: ["staff"], input: () => ({ key: "boards.trending-sort" }) },
  "flags.cohorts": { allow: ["staff"], input: () => undefined },
  "flags.update": { allow: ["staff"], input: () => ({ key: "boards.default-sort", version: 999, targeting: { enabled: true, rules: [], rollout: null, fallthrough: "top" } }) },
  "flags.setKillSwitch": { allow: ["staff"], input: () => ({ key: "boards.default-sort", killed: false }) },
  "flags.addCohortMember": { allow: ["staff"], input: (f) => ({ cohort: "authz", email: f.member.email }) },
  "flags.removeCohortMember": { allow: ["staff"], input: (f) => ({ cohort: "authz", userId: f.member.id }) },
  "flags.setOverride": { allow: ["staff"], input: () => ({ key: "boards.default-sort", value: "new" }) },
  // Billing: owners pay, admins can look. Past authorization the fixture (no customer, no gateway
  // in this file) gives business refusals: BAD_REQUEST, SERVICE_UNAVAILABLE.
  "billing.mine": { allow: signedIn, input: () => undefined },
  "billing.overview": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "billing.invoices": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "billing.startCheckout": { allow: ["owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, plan: "pro", interval: "month" }) },
  "billing.openPortal": { allow: ["owner"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "billing.previewChange": { allow: ["owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, plan: "team", interval: "month", seats: 5 }) },
  "billing.changeSubscription": { allow: ["owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, plan: "team", interval: "month", seats: 5, prorationDate: 1 }) },
  "billing.cancel": { allow: ["owner"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "billing.resume": { allow: ["owner"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  // Staff: read-only view for support and up; credits for staff admins (the table's staff user).
  "staffBilling.workspace": { allow: ["staff"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "staffBilling.invoices": { allow: ["staff"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "staffBilling.grantCredit": { allow: ["staff"], input: (f) => ({ workspaceSlug: f.workspace.slug, amountCents: 500, reason: "Apology for downtime" }) },
  // Previews: product and admin staff (the table's staff user is an admin; tests/integration/previews
  // refuses support staff). Malformed ids are parsed after the staff check: 400 for staff, 401/403 for others.
  "previews.list": { allow: ["staff"], input: () => undefined },
  "previews.branches": { allow: ["staff"], input: () => undefined },
  "previews.create": { allow: ["staff"], input: () => ({ ref: "-not a ref" }) },
  "previews.extend": { allow: ["staff"], input: () => ({ previewId: "not-an-id", hours: 1 }) },
  "previews.destroy": { allow: ["staff"], input: () => ({ previewId: "not-an-id" }) },
  "previews.retry": { allow: ["staff"], input: () => ({ previewId: "not-an-id" }) },
  "previews.setFlag": { allow: ["staff"], input: () => ({ previewId: "not-an-id", key: "boards.trending-sort", value: false }) },
  // Impersonation: staff start it (the target is the member); the rest act on the caller's own
  // impersonation, so without one extend and write mode are refused, and Stop just clears the cookie.
  "impersonation.current": { allow: everyone, input: () => undefined, impersonated: { read: true, write: true } },
  "impersonation.start": { allow: ["staff"], input: (f) => ({ userId: f.member.id, reason: "Ticket 42: checking their board" }) },
  "impersonation.extend": { allow: [], input: () => ({ reason: "Ticket 42: still checking" }), impersonated: { read: true, write: true } },
  "impersonation.enableWrite": { allow: [], input: () => ({ reason: "Ticket 42: fix their vote" }), impersonated: { read: true, write: true } },
  "impersonation.stop": { allow: everyone, input: () => undefined, impersonated: { read: true, write: true } },
  "impersonation.workspaceSupportAccess": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug }) },
  "impersonation.setWorkspaceSupportAccess": { allow: ["admin", "owner"], input: (f) => ({ workspaceSlug: f.workspace.slug, allow: true }) },
  // Admin console: staff only. Admin mode is not authorization: a staff write without it is a
  // PRECONDITION_FAILED (past the role check); tests/integration/admin proves the refusal.
  "admin.adminMode": { allow: ["staff"], input: () => undefined },
  "admin.enterAdminMode": { allow: ["staff"], input: () => ({ password: "not the password" }) },
  "admin.exitAdminMode": { allow: ["staff"], input: () => undefined },
  "admin.searchUsers": { allow: ["staff"], input: (f) => ({ query: f.member.email.slice(0, 6), limit: 5 }) },
  "admin.searchWorkspaces": { allow: ["staff"], input: (f) => ({ query: f.workspace.slug, limit: 5 }) },
  "admin.audit": { allow: ["staff"], input: () => ({ query: "user.", limit: 5 }) },
  "admin.user": { allow: ["staff"], input: (f) => ({ id: f.member.id }) },
  "admin.userRecentRequests": { allow: ["staff"], input: (f) => ({ id: f.member.id }) },
  "admin.workspace": { allow: ["staff"], input: (f) => ({ id: f.workspace.id }) },
  // Account actions: staff in admin mode (without it PRECONDITION_FAILED, past the role check).
  "admin.resendVerification": { allow: ["staff"], input: (f) => ({ userId: f.member.id, reason: "Authz check" }) },
  "admin.markVerified": { allow: ["staff"], input: (f) => ({ userId: f.member.id, reason: "Authz check" }) },
  "admin.sendPasswordReset": { allow: ["staff"], input: (f) => ({ userId: f.member.id, reason: "Authz check" }) },
  "admin.resetTwoFactor": { allow: ["staff"], input: (f) => ({ userId: f.member.id, reason: "Authz check" }) },
  "admin.revokeSessions": { allow: ["staff"], input: (f) => ({ userId: f.member.id, reason: "Authz check" }) },
  "admin.setLock": { allow: ["staff"], input: (f) => ({ userId: f.member.id, locked: true, reason: "Authz check" }) },
  "admin.transferOwnership": { allow: ["staff"], input: (f) => ({ workspaceId: f.workspace.id, newOwnerId: f.admin.id, reason: "Authz check" }) },
  "admin.deleteUser": { allow: ["staff"], input: (f) => ({ userId: f.member.id, reason: "Authz check", confirmEmail: f.member.email }) },
  // Security rules: any staff member (tests/integration/security-rules refuses non-staff and proves each rule);
  // writes need admin mode (PRECONDITION_FAILED without it, past the role check).
  "securityRules.list": { allow: ["staff"], input: () => undefined },
  "securityRules.add": { allow: ["staff"], input: () => ({ kind: "reserved_slug", value: "authz-reserved" }) },
  "securityRules.remove": { allow: ["staff"], input: () => ({ id: "not-an-id" }) },
  // Support: anyone may file (signed out too); a signed-in user lists and follows up on their own
  // tickets (tests/integration/support proves "own"); the inbox is staff's. Malformed ids are 400s past authorization.
  "support.create": { allow: everyone, input: (f) => ({ email: `authz-${f.owner.id}@example.com`, subject: "Help", message: "Please" }) },
  "support.mine": { allow: signedIn, input: () => undefined },
  "support.followUp": { allow: signedIn, input: () => ({ ticketId: "not-an-id", message: "More" }) },
  "support.inbox": { allow: ["staff"], input: () => ({ status: "open" }) },
  "support.ticket": { allow: ["staff"], input: () => ({ ticketId: "not-an-id" }) },
  "support.reply": { allow: ["staff"], input: () => ({ ticketId: "not-an-id", message: "Hello" }) },
  "support.note": { allow: ["staff"], input: () => ({ ticketId: "not-an-id", note: "Internal" }) },
  "support.setStatus": { allow: ["staff"], input: () => ({ ticketId: "not-an-id", status: "solved" }) },
  "support.assign": { allow: ["staff"], input: () => ({ ticketId: "not-an-id", assigneeId: null }) },
};

