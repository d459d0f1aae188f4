import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { createWorkspaceInput } from "../schemas";
import type { UserActor } from "./actor";
import { createWorkspace } from "./create-workspace";

/** A shared (non-personal) workspace owned by the actor; workspace and owner commit together. */
export async function createTeamWorkspace(input: z.output<typeof createWorkspaceInput>, actor: UserActor, db: DbOrTx): Promise<{ slug: string }> {
  const workspace = await db.transaction((tx) => createWorkspace({ name: input.name, personal: false }, actor, tx));
  return { slug: workspace.slug };
}
