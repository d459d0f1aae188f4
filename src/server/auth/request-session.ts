import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { impersonationSessions, users, type ImpersonationMode } from "@/server/db/schema";
import { setRequestActor } from "@/server/logging/context";
import { readImpersonationToken, readSessionToken } from "./cookies";
import { validateSessionToken, type SessionUser, type ValidatedSession } from "./session";
import { hashToken } from "./tokens";

export type ActiveImpersonation = {
  id: string;
  /** The staff member, signed in underneath with their own session. */
  impersonator: { id: string; email: string; displayName: string; staffRole: NonNullable<SessionUser["staffRole"]> };
  staffSessionId: string;
  mode: ImpersonationMode;
  reason: string;
  expiresAt: Date;
  extended: boolean;
};

export type RequestSession = {
  /** The cookie's session: the staff member's own while they impersonate. */
  session: ValidatedSession;
  token: string;
  /** Password and, when enabled, second factor done. */
  fullyAuthenticated: boolean;
  /** Who the request acts as: the session's user, or the impersonated user. */
  user: SessionUser;
  impersonation: ActiveImpersonation | null;
};

/**
 * The one place a request's cookies become `{ user, impersonator, mode }`: tRPC (and so every
 * page), SSE, Pusher auth and downloads all call it. An impersonation applies only on top of the
 * fully signed-in staff session it was started from, while it is unexpired and not ended, and
 * while the starter is still staff; otherwise the request is simply the staff member's.
 */
export async function resolveRequestSession(db: DbOrTx, headers: Headers, now = new Date()): Promise<RequestSession | null> {
  const token = readSessionToken(headers);
  const session = token ? await validateSessionToken(db, token, now) : null;
  if (!token || !session) return null;
  const fullyAuthenticated = !session.user.twoFactorEnabled || session.twoFactorVerified;
  const impersonationToken = readImpersonationToken(headers);
  const staffRole = session.user.staffRole;
  const found = fullyAuthenticated && staffRole && impersonationToken ? await findImpersonation(db, impersonationToken, session.id, now) : null;
  const impersonation: ActiveImpersonation | null =
    found && staffRole
      ? {
          id: found.id,
          impersonator: { id: session.user.id, email: session.user.email, displayName: session.user.displayName, staffRole },
          staffSessionId: session.id,
          mode: found.mode,
          reason: found.reason,
          expiresAt: found.expiresAt,
          extended: found.extended,
        }
      : null;
  const user = found ? found.user : session.user;
  if (fullyAuthenticated) setRequestActor({ userId: user.id, impersonatorId: impersonation?.impersonator.id, viaSession: true });
  return { session, token, fullyAuthenticated, user, impersonation };
}

async function findImpersonation(db: DbOrTx, token: string, staffSessionId: string, now: Date) {
  const [row] = await db
    .select({
      id: impersonationSessions.id,
      mode: impersonationSessions.mode,
      reason: impersonationSessions.reason,
      expiresAt: impersonationSessions.expiresAt,
      extended: sql<boolean>`${impersonationSessions.extendedAt} is not null`,
      user: {
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        emailVerified: sql<boolean>`${users.emailVerifiedAt} is not null`,
        twoFactorEnabled: sql<boolean>`${users.totpKeyEncrypted} is not null`,
        staffRole: users.staffRole,
      },
    })
    .from(impersonationSessions)
    .innerJoin(users, eq(users.id, impersonationSessions.targetUserId))
    .where(
      and(
        eq(impersonationSessions.tokenHash, hashToken(token)),
        eq(impersonationSessions.staffSessionId, staffSessionId),
        isNull(impersonationSessions.endedAt),
        gt(impersonationSessions.expiresAt, now),
      ),
    );
  return row ?? null;
}
