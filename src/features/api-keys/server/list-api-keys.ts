import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { listApiKeysInput, listApiKeysOutput } from "../schemas";
import { selectKeyPage } from "./queries";
import { toKeyDto } from "./to-dto";

export async function listApiKeys(input: z.output<typeof listApiKeysInput>, actor: WorkspaceActor, db: DbOrTx): Promise<z.infer<typeof listApiKeysOutput>> {
  const rows = await selectKeyPage(db, actor.workspace.id, input);
  const page = rows.slice(0, input.limit);
  const now = new Date();
  return { items: page.map((row) => toKeyDto(row, now)), nextCursor: rows.length > input.limit ? page.at(-1)!.id : null };
}
