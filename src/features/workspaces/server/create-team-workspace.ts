import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { assertWorkspaceNameAllowed } from "@/server/security-rules/checks";
import type { createWorkspaceInput } from "../schemas";
import type { UserActor } from "./actor";
import { createWorkspace } from "./create-workspace";
import { workspaceSlugFrom } from "./slugs";

/** A shared (non-personal) workspace owned by the actor; workspace and owner commit together. Reserved names and slugs are refused. */
export async function createTeamWorkspace(input: z.output<typeof createWorkspaceInput>, actor: UserActor, db: DbOrTx): Promise<{ slug: string }> {
  await assertWorkspaceNameAllowed({ name: input.name, slug: workspaceSlugFrom(input.name) });
  const workspace = await db.transaction((tx) => createWorkspace({ name: input.name, personal: false }, actor, tx));
  return { slug: workspace.slug };
}
