import "server-only";
import type { DbOrTx } from "@/server/db/client";
import type { WorkspaceDetail } from "../schemas";
import type { WorkspaceActor } from "./actor";
import { countMembers } from "./queries";

export async function getWorkspace(_input: unknown, actor: WorkspaceActor, db: DbOrTx): Promise<WorkspaceDetail> {
  const { slug, name, personal, role } = actor.workspace;
  return { slug, name, personal, role, memberCount: await countMembers(db, actor.workspace.id) };
}
