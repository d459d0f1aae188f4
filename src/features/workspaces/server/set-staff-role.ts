import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logging/logger";
import type { setStaffRoleInput, staffRoleOutput } from "../schemas";
import type { UserActor } from "./actor";
import { updateStaffRole } from "./queries";

/**
 * Grants or removes a staff role. Only staff admins reach this (the tier checks); an admin
 * can't change their own role, so the last admin can't lock everyone out by accident.
 */
export async function setStaffRole(input: z.output<typeof setStaffRoleInput>, actor: UserActor, db: DbOrTx): Promise<z.infer<typeof staffRoleOutput>> {
  if (input.userId === actor.userId) {
    throw new AppError("FORBIDDEN", { userMessage: "You can't change your own staff role; ask another staff admin." });
  }
  const updated = await updateStaffRole(db, input.userId, input.role);
  if (!updated) throw new AppError("NOT_FOUND", { userMessage: "That user doesn't exist." });
  logger.info({ targetUserId: input.userId, staffRole: input.role, actorUserId: actor.userId, impersonatorId: actor.impersonatorId, ip: actor.ip }, "staff.role_set");
  return updated;
}
