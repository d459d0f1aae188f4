import "server-only";
import { roleAllowsScope, SCOPE_INFO, type ApiKeyScope } from "@/lib/api-scopes";
import { AppError } from "@/server/errors";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";

/** Nobody grants a key more than they can do themselves. */
export function assertCanGrant(scopes: readonly ApiKeyScope[], actor: WorkspaceActor) {
  const beyond = scopes.filter((s) => !roleAllowsScope(actor.workspace.role, s));
  if (beyond.length > 0) {
    throw new AppError("FORBIDDEN", {
      userMessage: `You can't grant ${beyond.join(", ")}: ${beyond.length === 1 ? "it needs" : "they need"} the ${SCOPE_INFO[beyond[0]!].minimumRole} role.`,
      fieldErrors: { scopes: [`${beyond.join(", ")} need${beyond.length === 1 ? "s" : ""} the ${SCOPE_INFO[beyond[0]!].minimumRole} role`] },
    });
  }
}
