import "server-only";
import { recordAuditEvent } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import { auditFields } from "@/features/workspaces/server/actor";
import { selectSupportAccess, updateSupportAccess } from "./queries";

export async function getSupportAccess(actor: WorkspaceActor, db: DbOrTx): Promise<{ allow: boolean }> {
  const row = await selectSupportAccess(db, actor.workspace.id);
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "That workspace doesn't exist." });
  return row;
}

/** "Allow support to access this workspace": recorded in the workspace's audit trail. */
export async function setSupportAccess(input: { allow: boolean }, actor: WorkspaceActor, db: DbOrTx): Promise<{ allow: boolean }> {
  return db.transaction(async (tx) => {
    const before = await selectSupportAccess(tx, actor.workspace.id);
    const row = await updateSupportAccess(tx, actor.workspace.id, input.allow);
    if (!before || !row) throw new AppError("NOT_FOUND", { userMessage: "That workspace doesn't exist." });
    if (before.allow !== row.allow) {
      await recordAuditEvent(tx, { ...auditFields(actor), action: "workspace.support_access_changed", target: { type: "workspace", id: actor.workspace.id }, before, after: row });
    }
    return row;
  });
}
