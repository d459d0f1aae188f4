import "server-only";
import { and, eq, gt, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { afterCommit } from "@/server/db/after-commit";
import type { DbOrTx } from "@/server/db/client";
import { impersonationSessions } from "@/server/db/schema";
import { logger } from "@/server/logging/logger";
import { NOTIFY_CHANNEL } from "./publish";
import { registeredTransports } from "./transports";

/** Whose live connections to end: every one of a user's, or only those opened with one session. */
export type ConnectionOwner = { userId: string; sessionId?: string; exceptSessionId?: string };

/** An impersonation whose connections are to end: its streams are the target user's, opened under its id. */
export type ImpersonationConnections = { id: string; targetUserId: string };

const PREFIX = "end ";

/** The NOTIFY payload every app process's hub reads (`parseEndPayload`). */
export function endPayload(owner: ConnectionOwner): string {
  if (owner.sessionId) return `${PREFIX}session ${owner.userId} ${owner.sessionId}`;
  return `${PREFIX}user ${owner.userId}${owner.exceptSessionId ? ` ${owner.exceptSessionId}` : ""}`;
}

export function parseEndPayload(payload: string): ConnectionOwner | null {
  if (!payload.startsWith(PREFIX)) return null;
  const [kind, userId, sessionId, ...rest] = payload.slice(PREFIX.length).split(" ");
  if (!userId || rest.length > 0) return null;
  if (kind === "session" && sessionId) return { userId, sessionId };
  if (kind === "user") return sessionId ? { userId, exceptSessionId: sessionId } : { userId };
  return null;
}

/**
 * The Pusher user id an impersonation's connection signs in as (user authentication), so that
 * ending the impersonation terminates that connection and leaves the user's own ones alone.
 */
export const impersonationConnectionId = (impersonationId: string) => `impersonation-${impersonationId}`;

type ConnectingRequest = { user: { id: string }; session: { id: string }; impersonation: { id: string } | null };

/**
 * Who owns a live connection a request opens: the user it acts as, and the session it was opened
 * with — for an impersonation, the impersonation's own id, so that Stop ends exactly those.
 */
export const connectionOwnerOf = (request: ConnectingRequest) => ({ userId: request.user.id, sessionId: request.impersonation?.id ?? request.session.id });

/** The id a request's Pusher connection signs in as (user authentication). */
export const pusherUserIdOf = (request: ConnectingRequest) => (request.impersonation ? impersonationConnectionId(request.impersonation.id) : request.user.id);

/**
 * Ends a user's open live connections at once, in every app process: SSE streams through the
 * hub's NOTIFY channel, Pusher connections through the transport (terminate_connections).
 * The clients reconnect, and their session and channel access are checked again — a signed-out
 * session gets 401, a removed member 403 for the workspace's channels. Impersonations riding on
 * what ends go too: those started from the session (or by the user), and, for a user-wide end,
 * those of the user. Inside a transaction (from `transactionWithEffects`) both happen on commit;
 * with the pool, at once.
 */
export async function endLiveConnections(owner: ConnectionOwner, db: DbOrTx): Promise<void> {
  const riding = await openImpersonationsOf(owner, db);
  await db.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${endPayload(owner)})`);
  await endImpersonationNotices(riding, db);
  await afterCommit(db, () => endOnTransports([owner.userId, ...riding.map((i) => impersonationConnectionId(i.id))]));
}

/**
 * Ends the live connections opened under impersonations (Stop, expiry, a new one replacing it):
 * their SSE streams in every process and their Pusher connections, and nothing of the user's own.
 */
export async function endImpersonationConnections(impersonations: readonly ImpersonationConnections[], db: DbOrTx): Promise<void> {
  if (impersonations.length === 0) return;
  await endImpersonationNotices(impersonations, db);
  await afterCommit(db, () => endOnTransports(impersonations.map((i) => impersonationConnectionId(i.id))));
}

async function endImpersonationNotices(impersonations: readonly ImpersonationConnections[], db: DbOrTx) {
  for (const i of impersonations) await db.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${endPayload({ userId: i.targetUserId, sessionId: i.id })})`);
}

/** Impersonations still open that ending `owner`'s connections takes with it. */
async function openImpersonationsOf(owner: ConnectionOwner, db: DbOrTx): Promise<ImpersonationConnections[]> {
  const t = impersonationSessions;
  let whose: SQL | undefined;
  if (owner.sessionId) whose = eq(t.staffSessionId, owner.sessionId);
  else whose = or(and(eq(t.staffUserId, owner.userId), owner.exceptSessionId ? ne(t.staffSessionId, owner.exceptSessionId) : undefined), eq(t.targetUserId, owner.userId));
  return db
    .select({ id: t.id, targetUserId: t.targetUserId })
    .from(t)
    .where(and(whose, isNull(t.endedAt), gt(t.expiresAt, sql`now()`)));
}

async function endOnTransports(pusherUserIds: readonly string[]): Promise<void> {
  await Promise.all(
    registeredTransports().flatMap((transport) =>
      pusherUserIds.map((userId) =>
        transport.endUserConnections?.(userId).catch((error: unknown) => {
          logger.error({ err: error, transport: transport.name, userId }, "realtime transport could not end a user's connections");
        }),
      ),
    ),
  );
}
