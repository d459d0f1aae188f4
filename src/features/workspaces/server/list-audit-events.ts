import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { auditLogInput, auditLogOutput } from "../schemas";
import type { WorkspaceActor } from "./actor";
import { selectAuditPage } from "./queries";

export async function listAuditEvents(
  input: z.output<typeof auditLogInput>,
  actor: WorkspaceActor,
  db: DbOrTx,
): Promise<z.infer<typeof auditLogOutput>> {
  const rows = await selectAuditPage(db, actor.workspace.id, { ...input, action: input.action || undefined });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      action: row.action,
      actor: row.actorUserId ? { userId: row.actorUserId, displayName: row.actorName ?? "Deleted user" } : null,
      impersonator: row.impersonatorId ? { userId: row.impersonatorId, displayName: row.impersonatorName ?? "Deleted user" } : null,
      targetType: row.targetType,
      targetId: row.targetId,
      ip: row.ip,
      before: row.before,
      after: row.after,
      createdAt: row.createdAt,
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
  };
}
