import type { RequestMeta } from "@/server/audit";

/** A signed-in person acting through one of their sessions, plus where the request came from. */
export type SessionActor = { userId: string; sessionId: string } & RequestMeta;

/** Builds the actor from a procedure's context and the session acting (full or pending 2FA). */
export function sessionActor(ctx: { ip: string; userAgent: string | null }, session: { userId: string; sessionId: string }): SessionActor {
  return { userId: session.userId, sessionId: session.sessionId, ip: ctx.ip, userAgent: ctx.userAgent };
}
