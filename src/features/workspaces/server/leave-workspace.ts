import "server-only";
import { recordAuditEvent } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { endLiveConnections } from "@/server/realtime/end-connections";
import { auditFields, type WorkspaceActor } from "./actor";
import { publishMembersChanged } from "./members-changed";
import { keepingAnOwner } from "./owner-invariant";
import { deleteMembership, lockWorkspace } from "./queries";

export async function leaveWorkspace(_input: unknown, actor: WorkspaceActor, db: DbOrTx): Promise<{ ok: true }> {
  if (actor.workspace.personal) {
    throw new AppError("CONFLICT", { userMessage: "This is your personal workspace; it can't be left or deleted." });
  }
  const result = await keepingAnOwner(
    () =>
      db.transaction(async (tx) => {
        await lockWorkspace(tx, actor.workspace.id);
        await deleteMembership(tx, actor.workspace.id, actor.userId);
        await recordAuditEvent(tx, {
          ...auditFields(actor),
          action: "member.left",
          target: { type: "user", id: actor.userId },
          before: { role: actor.workspace.role },
        });
        return { ok: true as const };
      }),
    `You're the last owner of ${actor.workspace.name}. Transfer ownership to another member first, or delete the workspace.`,
  );
  await publishMembersChanged(actor.workspace.id, db);
  // Their open streams and Pusher connections hold this workspace's channels: end them now, not at the next reconnect.
  await endLiveConnections({ userId: actor.userId }, db);
  return result;
}
