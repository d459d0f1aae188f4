import "server-only";
import { sql } from "drizzle-orm";
import { afterCommit } from "@/server/db/after-commit";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logging/logger";
import { parseChannel } from "./channels";
import { registeredTransports, type StoredRealtimeEvent } from "./transports";

export type { StoredRealtimeEvent } from "./transports";

export type RealtimeEventInput = { type: string; data: unknown; clientMutationId?: string | null };

/** Below Pusher's 10 KB message limit with room for the envelope, so both transports carry the same events. */
export const MAX_PAYLOAD_BYTES = 8 * 1024;
export const NOTIFY_CHANNEL = "realtime";
const EVENT_TYPE = /^[a-z][a-z0-9_.-]{0,63}$/;

type EventRow = { id: string; channel: string; type: string; payload: unknown; client_mutation_id: string | null; created_at: Date | string; tx?: string };

export const toStoredEvent = (row: EventRow): StoredRealtimeEvent => ({
  id: String(row.id),
  channel: row.channel,
  type: row.type,
  data: row.payload,
  clientMutationId: row.client_mutation_id,
  createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
  ...(row.tx === undefined ? {} : { tx: String(row.tx) }),
});

/**
 * Stores the event and notifies every app process (payload "<id> <channel>") in one statement: inside a caller's
 * transaction the NOTIFY is delivered only on commit, so SSE subscribers never see an event
 * that was rolled back; other transports (Pusher) get it after that commit too (`afterCommit`,
 * so a transaction that publishes must come from `transactionWithEffects`). Events carry facts
 * for the UI to refetch or patch, never secrets: anyone allowed on the channel receives them.
 */
export async function publish(channel: string, event: RealtimeEventInput, db: DbOrTx = defaultDb): Promise<StoredRealtimeEvent> {
  if (!parseChannel(channel)) throw new Error(`publish: "${channel}" is not a realtime channel (see server/realtime/channels.ts)`);
  if (!EVENT_TYPE.test(event.type)) throw new Error(`publish: event type "${event.type}" must be lowercase words joined by ".", "-" or "_"`);
  const json = JSON.stringify(event.data ?? null);
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", {
      userMessage: `Realtime event "${event.type}" is ${bytes} bytes; the limit is ${MAX_PAYLOAD_BYTES}. Send ids and let clients refetch.`,
    });
  }
  const rows = (await db.execute(sql`
    with inserted as (
      insert into realtime_events (channel, type, payload, client_mutation_id)
      values (${channel}, ${event.type}, ${json}::jsonb, ${event.clientMutationId ?? null})
      returning id, channel, type, payload, client_mutation_id, created_at, tx
    )
    select id::text as id, channel, type, payload, client_mutation_id, created_at, tx::text as tx, pg_notify(${NOTIFY_CHANNEL}, id::text || ' ' || channel)
    from inserted
  `)) as unknown as EventRow[];
  const stored = toStoredEvent(rows[0]!);
  await afterCommit(db, () => deliverToTransports(channel, stored));
  return stored;
}

async function deliverToTransports(channel: string, stored: StoredRealtimeEvent): Promise<void> {
  await Promise.all(
    registeredTransports().map((transport) =>
      transport.deliver(channel, stored).catch((error: unknown) => {
        logger.error({ err: error, transport: transport.name, channel, eventId: stored.id }, "realtime transport failed to deliver");
      }),
    ),
  );
}

/** Retention for the nightly cleanup job; replay refuses ids older than `REPLAY_RETENTION_MS`. */
export async function deleteRealtimeEventsOlderThan(db: DbOrTx, before: Date): Promise<number> {
  const rows = (await db.execute(sql`
    with deleted as (delete from realtime_events where created_at < ${before.toISOString()}::timestamptz returning 1)
    select count(*)::int as count from deleted
  `)) as unknown as { count: number }[];
  return rows[0]?.count ?? 0;
}
