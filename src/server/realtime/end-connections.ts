import "server-only";
import { sql } from "drizzle-orm";
import { afterCommit } from "@/server/db/after-commit";
import type { DbOrTx } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { NOTIFY_CHANNEL } from "./publish";
import { registeredTransports } from "./transports";

/** Whose live connections to end: every one of a user's, or only those opened with one session. */
export type ConnectionOwner = { userId: string; sessionId?: string; exceptSessionId?: string };

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
 * Ends a user's open live connections at once, in every app process: SSE streams through the
 * hub's NOTIFY channel, Pusher connections through the transport (terminate_connections).
 * The clients reconnect, and their session and channel access are checked again — a signed-out
 * session gets 401, a removed member 403 for the workspace's channels. Inside a transaction (from
 * `transactionWithEffects`) both happen on commit; with the pool, at once.
 */
export async function endLiveConnections(owner: ConnectionOwner, db: DbOrTx): Promise<void> {
  await db.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${endPayload(owner)})`);
  await afterCommit(db, () => endOnTransports(owner));
}

async function endOnTransports(owner: ConnectionOwner): Promise<void> {
  await Promise.all(
    registeredTransports().map((transport) =>
      transport.endUserConnections?.(owner.userId).catch((error: unknown) => {
        logger.error({ err: error, transport: transport.name, userId: owner.userId }, "realtime transport could not end a user's connections");
      }),
    ),
  );
}
