import "server-only";
import { sessionCookie } from "@/server/auth/cookies";
import { resolveRequestSession, type ActiveImpersonation } from "@/server/auth/request-session";
import type { SessionUser } from "@/server/auth/session";
import { db, type Db } from "@/server/db/client";
import { clientIp } from "@/server/http/client-ip";

/**
 * A fully signed-in user (password and, when enabled, second factor). While staff impersonate,
 * it is the impersonated user, `impersonatorId` is the staff member and `sessionId` their session.
 */
export type Viewer = SessionUser & { userId: string; sessionId: string; impersonatorId: string | null };

export type TrpcContext = {
  db: Db;
  requestId: string;
  headers: Headers;
  /** Response headers (cookies); null for server-component calls, which cannot set them. */
  resHeaders: Headers | null;
  ip: string;
  userAgent: string | null;
  viewer: Viewer | null;
  /** Set while a staff member impersonates the viewer; the central guard (init.ts) reads its mode. */
  impersonation: ActiveImpersonation | null;
  /** Password accepted, second factor still owed: only the 2FA step may run. */
  pendingTwoFactor: { userId: string; sessionId: string } | null;
};

export async function createTrpcContext(opts: { headers: Headers; requestId: string; resHeaders?: Headers | null }): Promise<TrpcContext> {
  const resolved = await resolveRequestSession(db, opts.headers);
  if (resolved?.session.refreshed && opts.resHeaders) opts.resHeaders.append("Set-Cookie", sessionCookie(resolved.token, resolved.session.expiresAt));
  const signedIn = resolved?.fullyAuthenticated ? resolved : null;
  return {
    db,
    requestId: opts.requestId,
    headers: opts.headers,
    resHeaders: opts.resHeaders ?? null,
    ip: clientIp(opts.headers),
    userAgent: opts.headers.get("user-agent")?.slice(0, 512) ?? null,
    viewer: signedIn
      ? { ...signedIn.user, userId: signedIn.user.id, sessionId: signedIn.session.id, impersonatorId: signedIn.impersonation?.impersonator.id ?? null }
      : null,
    impersonation: signedIn?.impersonation ?? null,
    pendingTwoFactor: resolved && !resolved.fullyAuthenticated ? { userId: resolved.session.user.id, sessionId: resolved.session.id } : null,
  };
}
