import "server-only";
import { invalidateUserSessions } from "@/server/auth/session";
import { recordSecurityEvent } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { endLiveConnections } from "@/server/realtime/end-connections";
import type { SessionActor } from "../session-actor";

/** Signs the viewer out everywhere except the session making this request. */
export async function revokeOtherSessions(actor: SessionActor, db: DbOrTx): Promise<{ count: number }> {
  const result = await db.transaction(async (tx) => {
    const count = await invalidateUserSessions(tx, actor.userId, { except: actor.sessionId });
    if (count > 0) {
      await recordSecurityEvent(tx, {
        userId: actor.userId,
        type: "session_revoked",
        details: `Signed out ${count} other session${count === 1 ? "" : "s"}`,
        ip: actor.ip,
        userAgent: actor.userAgent,
      });
    }
    return { count };
  });
  if (result.count > 0) await endLiveConnections({ userId: actor.userId, exceptSessionId: actor.sessionId }, db);
  return result;
}
