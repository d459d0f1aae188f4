import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { memberKeysInput, memberKeysOutput } from "../schemas";
import { countLiveKeysOf } from "./queries";

/** How many keys stop working if this member leaves (the remove-member screen says so). */
export async function countMemberApiKeys(input: z.output<typeof memberKeysInput>, actor: WorkspaceActor, db: DbOrTx): Promise<z.infer<typeof memberKeysOutput>> {
  return { count: await countLiveKeysOf(db, actor.workspace.id, input.userId, new Date()) };
}
