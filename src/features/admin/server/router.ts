import "server-only";
import { z } from "zod";
import { router } from "@/server/trpc/init";
import type { TrpcContext, Viewer } from "@/server/trpc/context";
import { rateLimit, staffProcedure } from "@/server/trpc/tiers";
import * as s from "../schemas";
import { enterAdminMode, exitAdminMode, getAdminMode } from "./admin-mode";
import { getAdminUser } from "./get-admin-user";
import { getAdminWorkspace } from "./get-admin-workspace";
import { searchUsers } from "./search-users";
import { searchWorkspaces } from "./search-workspaces";

type StaffCtx = TrpcContext & { viewer: Viewer };
export const staffActor = (ctx: StaffCtx) => ({ userId: ctx.viewer.userId, email: ctx.viewer.email, impersonatorId: ctx.viewer.impersonatorId, ip: ctx.ip, sessionId: ctx.viewer.sessionId });

const support = staffProcedure("support");
const reauth = rateLimit({ name: "admin-mode-enter", limit: 10, windowSeconds: 15 * 60 });

export const adminRouter = router({
  adminMode: support.input(z.void()).output(s.adminModeStatus).query(({ ctx }) => getAdminMode(staffActor(ctx), ctx.db)),
  enterAdminMode: support.use(reauth).input(s.enterAdminModeInput).output(s.adminModeStatus).mutation(({ input, ctx }) => enterAdminMode(input, staffActor(ctx), ctx.db)),
  exitAdminMode: support.input(z.void()).output(s.adminModeStatus).mutation(({ ctx }) => exitAdminMode(staffActor(ctx), ctx.db)),

  searchUsers: support.input(s.searchInput).output(s.searchUsersOutput).query(({ input, ctx }) => searchUsers(input, ctx.db)),
  searchWorkspaces: support.input(s.searchInput).output(s.searchWorkspacesOutput).query(({ input, ctx }) => searchWorkspaces(input, ctx.db)),
  user: support.input(s.userIdInput).output(s.adminUserDetail).query(({ input, ctx }) => getAdminUser(input, ctx.db)),
  workspace: support.input(s.workspaceIdInput).output(s.adminWorkspaceDetail).query(({ input, ctx }) => getAdminWorkspace(input, ctx.db)),
});
