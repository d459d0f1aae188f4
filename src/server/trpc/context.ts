import "server-only";
import { readSessionToken, sessionCookie } from "@/server/auth/cookies";
import { validateSessionToken, type SessionUser } from "@/server/auth/session";
import { db, type Db } from "@/server/db/client";
import { clientIp } from "@/server/http/client-ip";

/** A fully signed-in user (password and, when enabled, second factor). */
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
  /** Password accepted, second factor still owed: only the 2FA step may run. */
  pendingTwoFactor: { userId: string; sessionId: string } | null;
};

export async function createTrpcContext(opts: { headers: Headers; requestId: string; resHeaders?: Headers | null }): Promise<TrpcContext> {
  const token = readSessionToken(opts.headers);
  const session = token ? await validateSessionToken(db, token) : null;
  if (session?.refreshed && token && opts.resHeaders) opts.resHeaders.append("Set-Cookie", sessionCookie(token, session.expiresAt));
  const fullyAuthenticated = session && (!session.user.twoFactorEnabled || session.twoFactorVerified);
  return {
    db,
    requestId: opts.requestId,
    headers: opts.headers,
    resHeaders: opts.resHeaders ?? null,
    ip: clientIp(opts.headers),
    userAgent: opts.headers.get("user-agent")?.slice(0, 512) ?? null,
    viewer: fullyAuthenticated ? { ...session.user, userId: session.user.id, sessionId: session.id, impersonatorId: null } : null,
    pendingTwoFactor: session && !fullyAuthenticated ? { userId: session.user.id, sessionId: session.id } : null,
  };
}
