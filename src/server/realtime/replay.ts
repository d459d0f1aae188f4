import "server-only";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { selectEventCursor, selectEventsSince, selectMaxEventId } from "./queries";
import { parseSnapshot, visibleInSnapshot } from "./snapshot";
import type { StoredRealtimeEvent } from "./transports";

/** How long events stay replayable; the nightly cleanup deletes rows older than this. */
export const REPLAY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** More missed events than this and a refetch is cheaper than replaying them one by one. */
export const REPLAY_LIMIT = 500;

export type ReplayResult =
  | {
      kind: "events";
      events: StoredRealtimeEvent[];
      /**
       * Whether a client whose last event was `lastEventId` already has `event`: true for that id,
       * and for a lower id that had committed when it was inserted (a late notification of it
       * is a duplicate); false for later ids and late commits, which the client still needs.
       */
      alreadyHad(event: StoredRealtimeEvent): boolean;
    }
  | { kind: "refetch"; reason: "unknown_id" | "expired" | "too_many" };

export const isEventId = (value: string) => /^\d{1,19}$/.test(value);

/**
 * The events a client missed since `lastEventId`, oldest first. When the gap can't be
 * replayed exactly (the id is unknown or past retention, or the gap is huge), the answer is
 * "refetch": the client reloads its data instead of trusting a partial stream.
 */
export async function replaySince(
  channels: readonly string[],
  lastEventId: string,
  opts: { db?: DbOrTx; now?: Date; retentionMs?: number; limit?: number } = {},
): Promise<ReplayResult> {
  const db = opts.db ?? defaultDb;
  const now = opts.now ?? new Date();
  const limit = opts.limit ?? REPLAY_LIMIT;
  if (!isEventId(lastEventId)) return { kind: "refetch", reason: "unknown_id" };
  const cursor = await selectEventCursor(db, lastEventId);
  if (!cursor) return { kind: "refetch", reason: "unknown_id" };
  if (cursor.createdAt.getTime() < now.getTime() - (opts.retentionMs ?? REPLAY_RETENTION_MS)) return { kind: "refetch", reason: "expired" };
  const events = await selectEventsSince(db, channels, lastEventId, limit + 1);
  if (events.length > limit) return { kind: "refetch", reason: "too_many" };
  const snapshot = parseSnapshot(cursor.snapshot);
  const last = BigInt(lastEventId);
  const alreadyHad = (event: StoredRealtimeEvent) => {
    const id = BigInt(event.id);
    if (id === last) return true;
    return id < last && snapshot !== null && event.tx !== undefined && visibleInSnapshot(snapshot, event.tx);
  };
  return { kind: "events", events, alreadyHad };
}

/**
 * Where the stream is now, for a server-rendered page to read BEFORE it reads its data and hand
 * to its live subscription as `since`: an event committed between the page's read and the
 * browser's subscribe is then replayed (SSE) or answered with a refetch (Pusher) — never lost.
 */
export async function streamPosition(db: DbOrTx = defaultDb): Promise<string> {
  return String(await selectMaxEventId(db));
}
