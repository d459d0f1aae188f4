import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { requestLogInput, requestLogOutput } from "../schemas";
import { selectRequestLogPage } from "./usage-queries";

export async function listApiRequests(input: z.output<typeof requestLogInput>, actor: WorkspaceActor, db: DbOrTx): Promise<z.infer<typeof requestLogOutput>> {
  const rows = await selectRequestLogPage(db, actor.workspace.id, input);
  const page = rows.slice(0, input.limit);
  return { items: page, nextCursor: rows.length > input.limit ? page.at(-1)!.id : null };
}
