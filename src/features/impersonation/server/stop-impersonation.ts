import "server-only";
import { recordStaffAudit } from "@/server/audit";
import type { ActiveImpersonation } from "@/server/auth/request-session";
import type { Db } from "@/server/db/client";
import { adminUserPath } from "../schemas";
import { staffAuditActor, type StaffActor } from "./actor";
import { endImpersonation } from "./queries";

/** Ends the impersonation; the staff session underneath carries on, back on the user's page. */
export async function stopImpersonation(impersonation: ActiveImpersonation, targetUserId: string, actor: StaffActor, db: Db, now = new Date()) {
  await db.transaction(async (tx) => {
    if (await endImpersonation(tx, impersonation.id, now)) {
      await recordStaffAudit(tx, staffAuditActor(actor), { action: "impersonation.stopped", target: { type: "user", id: targetUserId } });
    }
  });
  return { redirectTo: adminUserPath(targetUserId) };
}
