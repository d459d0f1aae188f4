import { impersonationCookieName, sessionCookieName } from "@/server/auth/cookies";
import { createSession } from "@/server/auth/session";
import { generateToken, hashToken } from "@/server/auth/tokens";
import { db } from "@/server/db/client";
import { impersonationSessions, type ImpersonationMode } from "@/server/db/schema";

/**
 * A browser of `staffId` impersonating `targetId`: the staff member's own session cookie and an
 * impersonation cookie linked to it (real rows), as `impersonation.start` would leave them.
 */
export async function impersonatingHeaders(staffId: string, targetId: string, opts: { mode?: ImpersonationMode; now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const session = await createSession(db, { userId: staffId, ip: "127.0.0.1", userAgent: "vitest", twoFactorVerified: true }, now);
  const token = generateToken();
  const mode = opts.mode ?? "read";
  const [row] = await db
    .insert(impersonationSessions)
    .values({
      tokenHash: hashToken(token),
      staffSessionId: session.id,
      staffUserId: staffId,
      targetUserId: targetId,
      reason: "Ticket 42: board looks empty",
      mode,
      ...(mode === "write" ? { writeReason: "Ticket 42: vote on their behalf", writeEnabledAt: now } : {}),
      expiresAt: new Date(now.getTime() + 15 * 60 * 1000),
      createdAt: now,
    })
    .returning({ id: impersonationSessions.id });
  return { headers: { cookie: `${sessionCookieName()}=${session.token}; ${impersonationCookieName()}=${token}` }, impersonationId: row!.id, staffSessionId: session.id };
}
