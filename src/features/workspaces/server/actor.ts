import "server-only";
import type { WorkspaceRole } from "@/server/db/schema";

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
