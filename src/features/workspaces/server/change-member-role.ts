import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { changeRoleInput } from "../schemas";
import { auditFields, type WorkspaceActor } from "./actor";
import { publishMembersChanged } from "./members-changed";
import { keepingAnOwner } from "./owner-invariant";
import { lockWorkspace, selectMembership, updateMembershipRole } from "./queries";

/**
 * Admins move non-owners between member and admin; only owners grant or take away `owner`.
 * Nobody changes their own role here (leaving or transferring ownership says what is meant).
 */
export async function changeMemberRole(input: z.output<typeof changeRoleInput>, actor: WorkspaceActor, db: DbOrTx) {
  if (input.userId === actor.userId) {
    throw new AppError("FORBIDDEN", { userMessage: "You can't change your own role. To step down, transfer ownership or leave the workspace." });
  }
  const result = await keepingAnOwner(() =>
    db.transaction(async (tx) => {
      await lockWorkspace(tx, actor.workspace.id);
      const target = await selectMembership(tx, actor.workspace.id, input.userId);
      if (!target) throw new AppError("NOT_FOUND", { userMessage: "That person isn't a member of this workspace." });
      if ((target.role === "owner" || input.role === "owner") && actor.workspace.role !== "owner") {
        throw new AppError("FORBIDDEN", { userMessage: "Only an owner can make someone an owner or change an owner's role." });
      }
      if (target.role !== input.role) {
        await updateMembershipRole(tx, actor.workspace.id, input.userId, input.role);
        await recordAuditEvent(tx, {
          ...auditFields(actor),
          action: "member.role_changed",
          target: { type: "user", id: input.userId },
          before: { role: target.role },
          after: { role: input.role },
        });
      }
      return { userId: input.userId, role: input.role };
    }),
  );
  await publishMembersChanged(actor.workspace.id, db);
  return result;
}
