import "server-only";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { loadTargetUser, recordAccountAction, type StaffActor } from "@/features/admin/server/account-action";
import type { setStaffRoleInput, staffRoleOutput } from "../schemas";
import { updateStaffRole } from "./queries";

/**
 * Grants or removes a staff role. Only staff admins in admin mode reach this (the tier checks);
 * an admin can't change their own role, so the last admin can't lock everyone out by accident.
 * Like the console's account actions it has a reason, a staff-audit entry and a line in the
 * person's security log: staff access is the most powerful thing an account can be given.
 */
export async function setStaffRole(input: z.output<typeof setStaffRoleInput>, actor: StaffActor, db: Db): Promise<z.infer<typeof staffRoleOutput>> {
  if (input.userId === actor.userId) {
    throw new AppError("FORBIDDEN", { userMessage: "You can't change your own staff role; ask another staff admin." });
  }
  return db.transaction(async (tx) => {
    const target = await loadTargetUser(tx, input.userId);
    const updated = await updateStaffRole(tx, target.id, input.role);
    if (!updated) throw new AppError("NOT_FOUND", { userMessage: "That user doesn't exist." });
    await recordAccountAction(tx, actor, target, {
      action: "user.set_staff_role",
      reason: input.reason,
      told: input.role ? `gave you the ${input.role} staff role` : "removed your staff role",
      before: { staffRole: target.staffRole },
      after: { staffRole: input.role },
    });
    return updated;
  });
}
