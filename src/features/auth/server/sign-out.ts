import "server-only";
import { recordSecurityEvent, type RequestMeta } from "@/server/audit";
import { invalidateSession } from "@/server/auth/session";
import type { DbOrTx } from "@/server/db/client";
import { endLiveConnections } from "@/server/realtime/end-connections";

/** Ends the session in use (fully signed in, or halfway through two-factor); a no-op without one. */
export async function signOut(actor: RequestMeta & { userId: string | null; sessionId: string | null }, db: DbOrTx): Promise<{ kind: "signed_out" }> {
  if (actor.sessionId) await invalidateSession(db, actor.sessionId);
  if (actor.userId && actor.sessionId) await endLiveConnections({ userId: actor.userId, sessionId: actor.sessionId }, db);
  if (actor.userId) await recordSecurityEvent(db, { userId: actor.userId, type: "sign_out", ip: actor.ip, userAgent: actor.userAgent });
  return { kind: "signed_out" };
}
