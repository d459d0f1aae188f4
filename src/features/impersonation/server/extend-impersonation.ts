import "server-only";
import type { z } from "zod";
import { recordStaffAudit } from "@/server/audit";
import type { ActiveImpersonation } from "@/server/auth/request-session";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { IMPERSONATION_TTL_MS, type extendImpersonationInput } from "../schemas";
import { staffAuditActor, type StaffActor } from "./actor";
import { requireImpersonatorAdminMode } from "./reenter-admin-mode";
import { extendOnce } from "./queries";

/** Another 15 minutes from now, once per impersonation, with a reason of its own. */
export async function extendImpersonation(input: z.output<typeof extendImpersonationInput>, impersonation: ActiveImpersonation, targetUserId: string, actor: StaffActor, db: Db, now = new Date()) {
  if (impersonation.extended) {
    throw new AppError("CONFLICT", { userMessage: "This impersonation was already extended once. Stop, then start a new one from the user's page with a new reason." });
  }
  await requireImpersonatorAdminMode(input, actor, db);
  const expiresAt = new Date(now.getTime() + IMPERSONATION_TTL_MS);
  return db.transaction(async (tx) => {
    const extended = await extendOnce(tx, impersonation.id, input.reason, expiresAt, now);
    if (!extended) {
      throw new AppError("CONFLICT", { userMessage: "This impersonation was already extended once. Stop, then start a new one from the user's page with a new reason." });
    }
    await recordStaffAudit(tx, staffAuditActor(actor), { action: "impersonation.extended", target: { type: "user", id: targetUserId }, reason: input.reason, before: { expiresAt: impersonation.expiresAt }, after: { expiresAt } });
    return { expiresAt };
  });
}
