import "server-only";
import type { DbOrTx } from "@/server/db/client";
import type { WorkspaceSummary } from "../schemas";
import type { UserActor } from "./actor";
import { selectWorkspacesOf } from "./queries";

export async function listMyWorkspaces(_input: void, actor: UserActor, db: DbOrTx): Promise<WorkspaceSummary[]> {
  return selectWorkspacesOf(db, actor.userId);
}
