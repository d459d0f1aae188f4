import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { assertWorkspaceNameAllowed } from "@/server/security-rules/checks";
import type { renameWorkspaceInput, WorkspaceDetail } from "../schemas";
import { auditFields, type WorkspaceActor } from "./actor";
import { countMembers, updateWorkspaceName } from "./queries";

/** The slug stays: links people have shared keep working after a rename. */
export async function renameWorkspace(input: z.output<typeof renameWorkspaceInput>, actor: WorkspaceActor, db: DbOrTx): Promise<WorkspaceDetail> {
  const before = actor.workspace.name;
  if (input.name !== before) {
    await assertWorkspaceNameAllowed({ name: input.name });
    await db.transaction(async (tx) => {
      await updateWorkspaceName(tx, actor.workspace.id, input.name);
      await recordAuditEvent(tx, {
        ...auditFields(actor),
        action: "workspace.renamed",
        target: { type: "workspace", id: actor.workspace.id },
        before: { name: before },
        after: { name: input.name },
      });
    });
  }
  const { slug, personal, role } = actor.workspace;
  return { slug, name: input.name, personal, role, memberCount: await countMembers(db, actor.workspace.id) };
}
