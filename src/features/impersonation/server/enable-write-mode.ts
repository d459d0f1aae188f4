import "server-only";
import type { z } from "zod";
import { recordSecurityEvent, recordStaffAudit } from "@/server/audit";
import type { ActiveImpersonation } from "@/server/auth/request-session";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { enableWriteModeInput } from "../schemas";
import { staffAuditActor, type StaffActor } from "./actor";
import { requireImpersonatorAdminMode } from "./reenter-admin-mode";
import { switchToWriteMode } from "./queries";

/** The second confirmation: changes become possible (never-allowed ones stay refused), with their own reason on record. */
export async function enableWriteMode(input: z.output<typeof enableWriteModeInput>, impersonation: ActiveImpersonation, targetUserId: string, actor: StaffActor, db: Db, now = new Date()) {
  if (impersonation.mode === "write") return { mode: "write" as const };
  await requireImpersonatorAdminMode(input, actor, db);
  return db.transaction(async (tx) => {
    if (!(await switchToWriteMode(tx, impersonation.id, input.reason, now))) {
      throw new AppError("CONFLICT", { userMessage: "This impersonation has ended. Start a new one from the user's page." });
    }
    await recordStaffAudit(tx, staffAuditActor(actor), { action: "impersonation.write_mode", target: { type: "user", id: targetUserId }, reason: input.reason, before: { mode: "read" }, after: { mode: "write" } });
    await recordSecurityEvent(tx, { userId: targetUserId, type: "support_write_mode", ip: null, userAgent: null, details: `Support (${actor.displayName}) can now make changes for you — ${input.reason}` });
    return { mode: "write" as const };
  });
}
