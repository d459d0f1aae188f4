import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { memberTargetInput } from "../schemas";
import { auditFields, type WorkspaceActor } from "./actor";
import { publishMembersChanged } from "./members-changed";
import { keepingAnOwner } from "./owner-invariant";
import { lockWorkspace, selectMembership, updateMembershipRole } from "./queries";

/** The target becomes owner and the current owner steps down to admin, in one transaction. */
export async function transferOwnership(input: z.output<typeof memberTargetInput>, actor: WorkspaceActor, db: DbOrTx): Promise<{ ok: true }> {
  if (input.userId === actor.userId) {
    throw new AppError("BAD_REQUEST", { userMessage: "Choose another member to transfer ownership to.", fieldErrors: { userId: ["Choose another member"] } });
  }
  const result = await keepingAnOwner(() =>
    db.transaction(async (tx) => {
      await lockWorkspace(tx, actor.workspace.id);
      const target = await selectMembership(tx, actor.workspace.id, input.userId);
      if (!target) throw new AppError("NOT_FOUND", { userMessage: "That person isn't a member of this workspace." });
      await updateMembershipRole(tx, actor.workspace.id, input.userId, "owner");
      await updateMembershipRole(tx, actor.workspace.id, actor.userId, "admin");
      await recordAuditEvent(tx, {
        ...auditFields(actor),
        action: "ownership.transferred",
        target: { type: "user", id: input.userId },
        before: { from: { userId: actor.userId, role: "owner" }, to: { userId: input.userId, role: target.role } },
        after: { from: { userId: actor.userId, role: "admin" }, to: { userId: input.userId, role: "owner" } },
      });
      return { ok: true as const };
    }),
  );
  await publishMembersChanged(actor.workspace.id, db);
  return result;
}
