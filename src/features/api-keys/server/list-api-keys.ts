import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { listApiKeysInput, listApiKeysOutput } from "../schemas";
import { PLANS } from "@/lib/plans";
import { selectKeyPage } from "./queries";
import { selectWorkspacePlan } from "./usage-queries";
import { toKeyDto } from "./to-dto";

export async function listApiKeys(input: z.output<typeof listApiKeysInput>, actor: WorkspaceActor, db: DbOrTx): Promise<z.infer<typeof listApiKeysOutput>> {
  const [rows, plan] = await Promise.all([selectKeyPage(db, actor.workspace.id, input), selectWorkspacePlan(db, actor.workspace.id)]);
  const page = rows.slice(0, input.limit);
  const now = new Date();
  return {
    items: page.map((row) => toKeyDto(row, now)),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
    defaultRequestsPerMinute: PLANS[plan].defaultRequestsPerMinute,
  };
}
