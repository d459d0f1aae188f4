import "server-only";
import { recordStaffAudit } from "@/server/audit";
import type { ActiveImpersonation } from "@/server/auth/request-session";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { endImpersonationConnections } from "@/server/realtime/end-connections";
import { adminUserPath } from "../schemas";
import { staffAuditActor, type StaffActor } from "./actor";
import { endImpersonation } from "./queries";

/**
 * Ends the impersonation, and at once its open live connections (SSE streams in every process,
 * the Pusher connection); the staff session underneath carries on, back on the user's page.
 */
export async function stopImpersonation(impersonation: ActiveImpersonation, targetUserId: string, actor: StaffActor, db: Db, now = new Date()) {
  await transactionWithEffects(db, async (tx) => {
    const ended = await endImpersonation(tx, impersonation.id, now);
    if (ended) {
      await endImpersonationConnections([ended], tx);
      await recordStaffAudit(tx, staffAuditActor(actor), { action: "impersonation.stopped", target: { type: "user", id: targetUserId } });
    }
  });
  return { redirectTo: adminUserPath(targetUserId) };
}
