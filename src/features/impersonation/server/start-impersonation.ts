import "server-only";
import type { z } from "zod";
import { recordSecurityEvent, recordStaffAudit } from "@/server/audit";
import { generateToken, hashToken } from "@/server/auth/tokens";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { endImpersonationConnections } from "@/server/realtime/end-connections";
import { AppError } from "@/server/errors";
import { adminUserPath, IMPERSONATION_TTL_MS, type startImpersonationInput } from "../schemas";
import { staffAuditActor, type StaffActor } from "./actor";
import { supportViewedMessage } from "./emails";
import { endImpersonationsOfStaffSession, insertImpersonation, selectTarget } from "./queries";

/**
 * Opens a read-only impersonation of one user for 15 minutes, linked to the staff member's
 * session (which stays signed in). The user learns of it twice: their security log and an email.
 * Returns the cookie token; the caller sets it.
 */
export async function startImpersonation(input: z.output<typeof startImpersonationInput>, actor: StaffActor, db: Db, now = new Date()) {
  const target = await selectTarget(db, input.userId);
  if (!target) throw new AppError("NOT_FOUND", { userMessage: "That user doesn't exist." });
  if (target.staffRole || target.id === actor.userId) {
    throw new AppError("FORBIDDEN", { userMessage: "Staff accounts can't be impersonated; ask the staff member to share their screen instead." });
  }
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + IMPERSONATION_TTL_MS);
  await transactionWithEffects(db, async (tx, effects) => {
    // The one this replaces ends, with its live connections.
    await endImpersonationConnections(await endImpersonationsOfStaffSession(tx, actor.sessionId, now), tx);
    await insertImpersonation(tx, {
      tokenHash: hashToken(token),
      staffSessionId: actor.sessionId,
      staffUserId: actor.userId,
      targetUserId: target.id,
      reason: input.reason,
      expiresAt,
      createdAt: now,
    });
    await recordStaffAudit(tx, staffAuditActor(actor), { action: "impersonation.started", target: { type: "user", id: target.id }, reason: input.reason, after: { mode: "read", expiresAt } });
    // No IP or device: the user's log shows who looked and why, not where staff sit.
    await recordSecurityEvent(tx, { userId: target.id, type: "support_viewed", ip: null, userAgent: null, details: `Support (${actor.displayName}) viewed your account — ${input.reason}` });
    await effects.email({ to: target.email, ...supportViewedMessage({ displayName: target.displayName, staffName: actor.displayName, reason: input.reason }) });
  });
  return { token, expiresAt, redirectTo: "/app", returnTo: adminUserPath(target.id) };
}
