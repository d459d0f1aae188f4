import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { impersonationSessions } from "@/server/db/schema";
import { logger } from "@/server/logging/logger";
import { endImpersonationConnections, type ImpersonationConnections } from "./end-connections";

/** Per process: the impersonations whose expiry this process watches, and when. */
const watched = new Map<string, { at: number; timer: NodeJS.Timeout }>();

/**
 * Ends an impersonation's live connections when it expires. A Pusher connection, once signed
 * in and subscribed, outlives the impersonation otherwise (SSE streams carry their own deadline,
 * `streamLifetimeMs`). Armed by the process that signed the connection in; at the time, the row
 * is read again: ended (Stop already did this) — nothing; extended — watch the new time;
 * otherwise the connections end and their reconnect is the staff member's own.
 */
export function endConnectionsWhenExpired(impersonation: ImpersonationConnections & { expiresAt: Date }, db: DbOrTx): void {
  const at = impersonation.expiresAt.getTime();
  const current = watched.get(impersonation.id);
  if (current && current.at <= at) return;
  if (current) clearTimeout(current.timer);
  const timer = setTimeout(() => {
    watched.delete(impersonation.id);
    void expire(impersonation, db).catch((error: unknown) => logger.error({ err: error, impersonationId: impersonation.id }, "could not end an expired impersonation's live connections"));
  }, Math.max(0, at - Date.now()));
  timer.unref();
  watched.set(impersonation.id, { at, timer });
}

/** When this process will next look at the impersonation (ms since the epoch), or null when it doesn't watch it. */
export const watchedUntil = (impersonationId: string): number | null => watched.get(impersonationId)?.at ?? null;

async function expire(impersonation: ImpersonationConnections, db: DbOrTx): Promise<void> {
  const [row] = await db
    .select({ expiresAt: impersonationSessions.expiresAt, endedAt: impersonationSessions.endedAt })
    .from(impersonationSessions)
    .where(eq(impersonationSessions.id, impersonation.id));
  if (!row || row.endedAt) return;
  if (row.expiresAt.getTime() > Date.now()) return endConnectionsWhenExpired({ ...impersonation, expiresAt: row.expiresAt }, db);
  await endImpersonationConnections([impersonation], db);
}
