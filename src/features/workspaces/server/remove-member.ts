import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { endLiveConnections } from "@/server/realtime/end-connections";
import type { memberTargetInput } from "../schemas";
import { auditFields, type WorkspaceActor } from "./actor";
import { publishMembersChanged } from "./members-changed";
import { keepingAnOwner } from "./owner-invariant";
import { deleteMembership, lockWorkspace, selectMembership } from "./queries";

/** Admins remove members and admins; owners remove anyone, as long as an owner remains. */
export async function removeMember(input: z.output<typeof memberTargetInput>, actor: WorkspaceActor, db: DbOrTx): Promise<{ ok: true }> {
  const result = await keepingAnOwner(() =>
    db.transaction(async (tx) => {
      await lockWorkspace(tx, actor.workspace.id);
      const target = await selectMembership(tx, actor.workspace.id, input.userId);
      if (!target) throw new AppError("NOT_FOUND", { userMessage: "That person isn't a member of this workspace." });
      if (target.role === "owner" && actor.workspace.role !== "owner") {
        throw new AppError("FORBIDDEN", { userMessage: "Only an owner can remove an owner." });
      }
      await deleteMembership(tx, actor.workspace.id, input.userId);
      await recordAuditEvent(tx, {
        ...auditFields(actor),
        action: "member.removed",
        target: { type: "user", id: input.userId },
        before: { role: target.role, displayName: target.displayName },
      });
      return { ok: true as const };
    }),
  );
  await publishMembersChanged(actor.workspace.id, db);
  // Their open streams and Pusher connections hold this workspace's channels: end them now, not at the next reconnect.
  await endLiveConnections({ userId: input.userId }, db);
  return result;
}
