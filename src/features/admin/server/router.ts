import "server-only";
import { z } from "zod";
import { router } from "@/server/trpc/init";
import type { TrpcContext, Viewer } from "@/server/trpc/context";
import { adminWriteProcedure, rateLimit, staffProcedure } from "@/server/trpc/tiers";
import * as s from "../schemas";
import { enterAdminMode, exitAdminMode, getAdminMode } from "./admin-mode";
import { resetTwoFactorFor, revokeUserSessions, setUserLock } from "./account-security-actions";
import { getAdminUser } from "./get-admin-user";
import { getAdminWorkspace } from "./get-admin-workspace";
import { getUserRecentRequests } from "./get-user-recent-requests";
import { searchUsers } from "./search-users";
import { deleteUserAccount, transferWorkspaceOwnership } from "./ownership-and-deletion";
import { searchAudit } from "./search-audit";
import { searchWorkspaces } from "./search-workspaces";
import { markEmailVerified, resendVerificationFor, sendPasswordResetFor } from "./verification-actions";

type StaffCtx = TrpcContext & { viewer: Viewer; staffRole: string };
export const staffActor = (ctx: StaffCtx) => ({
  userId: ctx.viewer.userId,
  email: ctx.viewer.email,
  displayName: ctx.viewer.displayName,
  staffRole: ctx.staffRole,
  impersonatorId: ctx.viewer.impersonatorId,
  ip: ctx.ip,
  userAgent: ctx.userAgent,
  sessionId: ctx.viewer.sessionId,
});

const support = staffProcedure("support");
const reauth = rateLimit({ name: "admin-mode-enter", limit: 10, windowSeconds: 15 * 60 });
/** Account actions: support and up, in admin mode, at most 60 a minute per staff member. */
const act = adminWriteProcedure("support").use(rateLimit({ name: "admin-actions", limit: 60, windowSeconds: 60 })).output(s.actionResult);

export const adminRouter = router({
  adminMode: support.input(z.void()).output(s.adminModeStatus).query(({ ctx }) => getAdminMode(staffActor(ctx), ctx.db)),
  enterAdminMode: support.use(reauth).input(s.enterAdminModeInput).output(s.adminModeStatus).mutation(({ input, ctx }) => enterAdminMode(input, staffActor(ctx), ctx.db)),
  exitAdminMode: support.input(z.void()).output(s.adminModeStatus).mutation(({ ctx }) => exitAdminMode(staffActor(ctx), ctx.db)),

  searchUsers: support.input(s.searchInput).output(s.searchUsersOutput).query(({ input, ctx }) => searchUsers(input, ctx.db)),
  searchWorkspaces: support.input(s.searchInput).output(s.searchWorkspacesOutput).query(({ input, ctx }) => searchWorkspaces(input, ctx.db)),
  audit: support.input(s.auditInput).output(s.auditOutput).query(({ input, ctx }) => searchAudit(input, ctx.db)),
  user: support.input(s.userIdInput).output(s.adminUserDetail).query(({ input, ctx }) => getAdminUser(input, ctx.db)),
  userRecentRequests: support.input(s.userIdInput).output(s.adminUserRecentRequests).query(({ input, ctx }) => getUserRecentRequests(input, ctx.db)),
  workspace: support.input(s.workspaceIdInput).output(s.adminWorkspaceDetail).query(({ input, ctx }) => getAdminWorkspace(input, ctx.db)),

  resendVerification: act.input(s.userActionInput).mutation(({ input, ctx }) => resendVerificationFor(input, staffActor(ctx), ctx.db)),
  markVerified: act.input(s.userActionInput).mutation(({ input, ctx }) => markEmailVerified(input, staffActor(ctx), ctx.db)),
  sendPasswordReset: act.input(s.userActionInput).mutation(({ input, ctx }) => sendPasswordResetFor(input, staffActor(ctx), ctx.db)),
  resetTwoFactor: act.input(s.userActionInput).mutation(({ input, ctx }) => resetTwoFactorFor(input, staffActor(ctx), ctx.db)),
  revokeSessions: act.input(s.userActionInput).mutation(({ input, ctx }) => revokeUserSessions(input, staffActor(ctx), ctx.db)),
  setLock: act.input(s.lockUserInput).mutation(({ input, ctx }) => setUserLock(input, staffActor(ctx), ctx.db)),
  transferOwnership: act.input(s.transferOwnershipInput).mutation(({ input, ctx }) => transferWorkspaceOwnership(input, staffActor(ctx), ctx.db)),
  deleteUser: act.input(s.deleteUserInput).mutation(({ input, ctx }) => deleteUserAccount(input, staffActor(ctx), ctx.db)),
});
