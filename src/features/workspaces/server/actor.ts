import "server-only";
import type { WorkspaceRole } from "@/server/db/schema";
import type { TrpcContext, Viewer } from "@/server/trpc/context";

/** A signed-in person acting, with what the audit log records about the request. */
export type UserActor = { userId: string; displayName: string; impersonatorId: string | null; ip: string | null };

/** The same person acting inside one workspace, as the workspace tier resolved it. */
export type WorkspaceActor = UserActor & {
  workspace: { id: string; slug: string; name: string; personal: boolean; role: WorkspaceRole };
};

export const auditFields = (actor: WorkspaceActor) => ({
  workspaceId: actor.workspace.id,
  actorUserId: actor.userId,
  impersonatorId: actor.impersonatorId,
  ip: actor.ip,
});

/** The actor a `workspaceProcedure` handler passes to its operation (routers of any feature). */
export const workspaceActorFrom = (ctx: TrpcContext & { viewer: Viewer; workspace: WorkspaceActor["workspace"] }): WorkspaceActor => ({
  userId: ctx.viewer.userId,
  displayName: ctx.viewer.displayName,
  impersonatorId: ctx.viewer.impersonatorId,
  ip: ctx.ip,
  workspace: ctx.workspace,
});
