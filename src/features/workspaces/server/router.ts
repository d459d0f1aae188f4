import "server-only";
import { z } from "zod";
import { router } from "@/server/trpc/init";
import type { TrpcContext, Viewer } from "@/server/trpc/context";
import { authedProcedure, publicProcedure, rateLimit, workspaceProcedure } from "@/server/trpc/tiers";
import {
  auditLogInput,
  auditLogOutput,
  changeRoleInput,
  createWorkspaceInput,
  deleteWorkspaceInput,
  inviteIdInput,
  inviteInput,
  invitePreview,
  memberTargetInput,
  membersOutput,
  mineOutput,
  okOutput,
  renameWorkspaceInput,
  roleChangeOutput,
  slugOutput,
  tokenInput,
  workspaceDetail,
} from "../schemas";
import { acceptInvite } from "./accept-invite";
import type { UserActor, WorkspaceActor } from "./actor";
import { changeMemberRole } from "./change-member-role";
import { createTeamWorkspace } from "./create-team-workspace";
import { deleteWorkspace } from "./delete-workspace";
import { getWorkspace } from "./get-workspace";
import { inviteMember } from "./invite-member";
import { leaveWorkspace } from "./leave-workspace";
import { listAuditEvents } from "./list-audit-events";
import { listMembers } from "./list-members";
import { listMyWorkspaces } from "./list-my-workspaces";
import { previewInvite } from "./preview-invite";
import { removeMember } from "./remove-member";
import { renameWorkspace } from "./rename-workspace";
import { resendInvite } from "./resend-invite";
import { revokeInvite } from "./revoke-invite";
import { transferOwnership } from "./transfer-ownership";

type SignedIn = TrpcContext & { viewer: Viewer };

const asUser = (ctx: SignedIn): UserActor => ({
  userId: ctx.viewer.userId,
  displayName: ctx.viewer.displayName,
  impersonatorId: ctx.viewer.impersonatorId,
  ip: ctx.ip,
});
const asMember = (ctx: SignedIn & { workspace: WorkspaceActor["workspace"] }): WorkspaceActor => ({ ...asUser(ctx), workspace: ctx.workspace });

const member = workspaceProcedure("member");
const admin = workspaceProcedure("admin");
const owner = workspaceProcedure("owner");
const inviteOut = z.object({ inviteId: z.uuid(), email: z.string(), role: z.enum(["admin", "member"]) });

export const workspacesRouter = router({
  mine: authedProcedure
    .input(z.void())
    .output(mineOutput)
    .query(({ ctx }) => listMyWorkspaces(undefined, asUser(ctx), ctx.db)),

  create: authedProcedure.use(rateLimit({ name: "workspace-create", limit: 10, windowSeconds: 3600 }))
    .input(createWorkspaceInput)
    .output(slugOutput)
    .mutation(({ input, ctx }) => createTeamWorkspace(input, asUser(ctx), ctx.db)),

  get: member
    .output(workspaceDetail)
    .query(({ input, ctx }) => getWorkspace(input, asMember(ctx), ctx.db)),

  rename: admin
    .input(renameWorkspaceInput)
    .output(workspaceDetail)
    .mutation(({ input, ctx }) => renameWorkspace(input, asMember(ctx), ctx.db)),

  delete: owner
    .input(deleteWorkspaceInput)
    .output(okOutput)
    .mutation(({ input, ctx }) => deleteWorkspace(input, asMember(ctx), ctx.db)),

  members: member
    .output(membersOutput)
    .query(({ input, ctx }) => listMembers(input, asMember(ctx), ctx.db)),

  changeRole: admin
    .input(changeRoleInput)
    .output(roleChangeOutput)
    .mutation(({ input, ctx }) => changeMemberRole(input, asMember(ctx), ctx.db)),

  removeMember: admin
    .input(memberTargetInput)
    .output(okOutput)
    .mutation(({ input, ctx }) => removeMember(input, asMember(ctx), ctx.db)),

  leave: member
    .output(okOutput)
    .mutation(({ input, ctx }) => leaveWorkspace(input, asMember(ctx), ctx.db)),

  transferOwnership: owner
    .input(memberTargetInput)
    .output(okOutput)
    .mutation(({ input, ctx }) => transferOwnership(input, asMember(ctx), ctx.db)),

  invite: admin.use(rateLimit({ name: "workspace-invite", limit: 30, windowSeconds: 3600 }))
    .input(inviteInput)
    .output(inviteOut)
    .mutation(({ input, ctx }) => inviteMember(input, asMember(ctx), ctx.db)),

  resendInvite: admin.use(rateLimit({ name: "workspace-invite", limit: 30, windowSeconds: 3600 }))
    .input(inviteIdInput)
    .output(z.object({ inviteId: z.uuid(), expiresAt: z.date() }))
    .mutation(({ input, ctx }) => resendInvite(input, asMember(ctx), ctx.db)),

  revokeInvite: admin
    .input(inviteIdInput)
    .output(okOutput)
    .mutation(({ input, ctx }) => revokeInvite(input, asMember(ctx), ctx.db)),

  invitePreview: publicProcedure.use(rateLimit({ name: "invite-preview", limit: 60, windowSeconds: 60 }))
    .input(tokenInput)
    .output(invitePreview)
    .query(({ input, ctx }) => previewInvite(input, { kind: "anonymous", requestId: ctx.requestId }, ctx.db)),

  acceptInvite: authedProcedure.use(rateLimit({ name: "invite-accept", limit: 20, windowSeconds: 60 }))
    .input(tokenInput)
    .output(slugOutput)
    .mutation(({ input, ctx }) => acceptInvite(input, { ...asUser(ctx), email: ctx.viewer.email }, ctx.db)),

  auditLog: admin
    .input(auditLogInput)
    .output(auditLogOutput)
    .query(({ input, ctx }) => listAuditEvents(input, asMember(ctx), ctx.db)),
});
