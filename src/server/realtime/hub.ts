import "server-only";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { createNotifyListener } from "@/server/db/notify-listener";
import { directDatabaseUrl } from "@/server/env";
import { logger } from "@/server/logging/logger";
import { parseEndPayload, type ConnectionOwner } from "./end-connections";
import { NOTIFY_CHANNEL } from "./publish";
import { bigintArray, selectEventsByIds, selectEventsSince, selectMaxEventId } from "./queries";
import type { StoredRealtimeEvent } from "./transports";

export type Subscriber = {
  channels: readonly string[];
  /**
   * Called once per event, in id order. Return a promise to say "still busy" (a socket that
   * needs to drain): later events wait in this subscriber's buffer meanwhile.
   */
  send(event: StoredRealtimeEvent): void | Promise<void>;
  /** The hub gave up on this subscriber (its buffer overflowed or `send` threw); close it. */
  onDrop?(reason: "overflow" | "error"): void;
  /** Events that may wait while `send` is busy; one more and the subscriber is dropped. */
  maxBuffered?: number;
  /** Whose stream this is (`connectionOwnerOf`: the session, or the impersonation, it was opened with): `endLiveConnections` for this user or session calls `onEnd`. */
  owner?: { userId: string; sessionId: string };
  /** The owner signed out, lost the session or a membership: the hub has let go; close the stream. */
  onEnd?(): void;
};

export type Subscription = { unsubscribe(): void };

export type Hub = {
  /** Resolves once LISTEN is active: an event committed after this reaches subscribers. */
  ready(): Promise<void>;
  subscribe(subscriber: Subscriber): Subscription;
  subscriberCount(): number;
  stop(): Promise<void>;
};

const DEFAULT_MAX_BUFFERED = 256;
const CATCH_UP_LIMIT = 5_000;

type Entry = { subscriber: Subscriber; push(event: StoredRealtimeEvent): void; closed: boolean };

/**
 * The per-process fan-out: one LISTEN connection, one query per burst of notifications,
 * and a bounded buffer per subscriber so one slow client never delays the others.
 */
export function createHub(opts: { databaseUrl: string; db?: DbOrTx }): Hub {
  const db = opts.db ?? defaultDb;
  const byChannel = new Map<string, Set<Entry>>();
  const byUser = new Map<string, Set<Entry>>();
  const pendingIds = new Set<string>();
  let highWater: bigint | null = null;
  let flushing: Promise<void> | null = null;
  const listener = createNotifyListener({
    databaseUrl: opts.databaseUrl,
    channel: NOTIFY_CHANNEL,
    applicationName: "groundwork-realtime",
    onNotify,
    async onListen() {
      const caughtUp = highWater;
      if (caughtUp === null) highWater = await selectMaxEventId(db);
      // Anything committed while we were not listening: read it from the table.
      else await deliver(await selectEventsSince(db, [...byChannel.keys()], caughtUp.toString(), CATCH_UP_LIMIT));
    },
  });

  function onNotify(payload: string) {
    const ending = parseEndPayload(payload);
    if (ending) return endOwned(ending);
    // "<id>" or "<id> <channel>": with the channel we skip rows no local subscriber wants.
    const space = payload.indexOf(" ");
    const id = space === -1 ? payload : payload.slice(0, space);
    if (space !== -1 && !byChannel.has(payload.slice(space + 1))) {
      bump(id);
      return;
    }
    if (!/^\d{1,19}$/.test(id)) return;
    pendingIds.add(id);
    flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(flush);
  }

  async function flush(): Promise<void> {
    while (pendingIds.size > 0) {
      const ids = [...pendingIds];
      pendingIds.clear();
      try {
        await deliver(await selectEventsByIds(db, bigintArray(ids)));
      } catch (error) {
        logger.error({ err: error, ids }, "realtime: could not read published events");
      }
    }
    flushing = null;
  }

  function bump(id: string) {
    if (!/^\d{1,19}$/.test(id)) return;
    const n = BigInt(id);
    if (highWater === null || n > highWater) highWater = n;
  }

  async function deliver(events: StoredRealtimeEvent[]) {
    for (const event of events) {
      bump(event.id);
      const entries = byChannel.get(event.channel);
      if (!entries) continue;
      for (const entry of entries) entry.push(event);
    }
  }

  function remove(entry: Entry) {
    if (entry.closed) return;
    entry.closed = true;
    for (const channel of entry.subscriber.channels) {
      const set = byChannel.get(channel);
      set?.delete(entry);
      if (set?.size === 0) byChannel.delete(channel);
    }
    const owner = entry.subscriber.owner;
    if (owner) {
      const mine = byUser.get(owner.userId);
      mine?.delete(entry);
      if (mine?.size === 0) byUser.delete(owner.userId);
    }
  }

  function endOwned(target: ConnectionOwner) {
    for (const entry of [...(byUser.get(target.userId) ?? [])]) {
      const session = entry.subscriber.owner!.sessionId;
      if (target.sessionId && session !== target.sessionId) continue;
      if (target.exceptSessionId && session === target.exceptSessionId) continue;
      remove(entry);
      try {
        entry.subscriber.onEnd?.();
      } catch (error) {
        logger.error({ err: error }, "realtime subscriber onEnd threw");
      }
    }
  }

  function makeEntry(subscriber: Subscriber): Entry {
    const max = subscriber.maxBuffered ?? DEFAULT_MAX_BUFFERED;
    const queue: StoredRealtimeEvent[] = [];
    let busy = false;
    const drop = (reason: "overflow" | "error") => {
      if (entry.closed) return;
      remove(entry);
      queue.length = 0;
      try {
        subscriber.onDrop?.(reason);
      } catch (error) {
        logger.error({ err: error }, "realtime subscriber onDrop threw");
      }
    };
    const run = (event: StoredRealtimeEvent): boolean => {
      try {
        const result = subscriber.send(event);
        if (!result) return true;
        busy = true;
        result.then(drain, () => drop("error"));
        return false;
      } catch {
        drop("error");
        return false;
      }
    };
    const drain = () => {
      busy = false;
      while (queue.length > 0 && !entry.closed) {
        if (!run(queue.shift()!)) return;
      }
    };
    const entry: Entry = {
      subscriber,
      closed: false,
      push(event) {
        if (entry.closed) return;
        if (!busy) {
          run(event);
          return;
        }
        if (queue.length >= max) drop("overflow");
        else queue.push(event);
      },
    };
    return entry;
  }

  return {
    ready: () => listener.ready(),
    subscribe(subscriber) {
      const entry = makeEntry(subscriber);
      for (const channel of subscriber.channels) {
        let set = byChannel.get(channel);
        if (!set) byChannel.set(channel, (set = new Set()));
        set.add(entry);
      }
      if (subscriber.owner) {
        let mine = byUser.get(subscriber.owner.userId);
        if (!mine) byUser.set(subscriber.owner.userId, (mine = new Set()));
        mine.add(entry);
      }
      return { unsubscribe: () => remove(entry) };
    },
    subscriberCount() {
      const all = new Set<Entry>();
      for (const set of byChannel.values()) for (const entry of set) all.add(entry);
      return all.size;
    },
    stop: () => listener.stop(),
  };
}

const globalForHub = globalThis as unknown as { groundworkRealtimeHub?: Hub };

/** This process's hub (one LISTEN connection however many streams are open). */
export function realtimeHub(): Hub {
  return (globalForHub.groundworkRealtimeHub ??= createHub({ databaseUrl: directDatabaseUrl() }));
}
