import "server-only";
import { recordAuditEvent, type RequestMeta } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { memberships, workspaces } from "@/server/db/schema";
import { uniqueSlug } from "./slugs";

export type CreatedWorkspace = { id: string; slug: string; name: string; personal: boolean };

/** Creates a workspace with `ownerId` as its owner, in the caller's transaction. */
export async function createWorkspace(
  input: { name: string; personal?: boolean },
  actor: { userId: string; impersonatorId?: string | null } & Pick<RequestMeta, "ip">,
  tx: DbOrTx,
): Promise<CreatedWorkspace> {
  const slug = await uniqueSlug(tx, input.name);
  const [workspace] = await tx
    .insert(workspaces)
    .values({ name: input.name, slug, personal: input.personal ?? false })
    .returning({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, personal: workspaces.personal });
  await tx.insert(memberships).values({ workspaceId: workspace!.id, userId: actor.userId, role: "owner" });
  await recordAuditEvent(tx, {
    workspaceId: workspace!.id,
    actorUserId: actor.userId,
    impersonatorId: actor.impersonatorId,
    action: "workspace.created",
    target: { type: "workspace", id: workspace!.id },
    after: { name: input.name, slug },
    ip: actor.ip,
  });
  return workspace!;
}
