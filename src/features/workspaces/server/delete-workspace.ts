import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logging/logger";
import { endLiveConnections } from "@/server/realtime/end-connections";
import type { deleteWorkspaceInput } from "../schemas";
import type { WorkspaceActor } from "./actor";
import { deleteWorkspaceRow, lockWorkspace, selectMembers } from "./queries";

/**
 * Deletes the workspace and, by cascade, everything it owns, its audit log included; the
 * application log keeps the record of who deleted it. Its members' open streams and Pusher
 * connections hold its channels: they are ended at once, as on a member's removal.
 */
export async function deleteWorkspace(input: z.output<typeof deleteWorkspaceInput>, actor: WorkspaceActor, db: DbOrTx): Promise<{ ok: true }> {
  if (actor.workspace.personal) {
    throw new AppError("CONFLICT", { userMessage: "This is your personal workspace; it can't be left or deleted." });
  }
  if (input.confirmName !== actor.workspace.name) {
    throw new AppError("BAD_REQUEST", {
      userMessage: "The name you typed doesn't match the workspace name.",
      fieldErrors: { confirmName: [`Type “${actor.workspace.name}” exactly to confirm`] },
    });
  }
  const members = await db.transaction(async (tx) => {
    await lockWorkspace(tx, actor.workspace.id);
    const rows = await selectMembers(tx, actor.workspace.id);
    await deleteWorkspaceRow(tx, actor.workspace.id);
    return rows.map((m) => m.userId);
  });
  logger.info(
    { workspaceId: actor.workspace.id, slug: actor.workspace.slug, actorUserId: actor.userId, impersonatorId: actor.impersonatorId, ip: actor.ip },
    "workspace.deleted",
  );
  await Promise.all(members.map((userId) => endLiveConnections({ userId }, db)));
  return { ok: true };
}
