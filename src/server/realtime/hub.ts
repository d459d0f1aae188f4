import "server-only";
import postgres, { type Sql } from "postgres";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { env } from "@/server/env";
import { logger } from "@/server/logging/logger";
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
const RECONNECT_MAX_MS = 10_000;

type Entry = { subscriber: Subscriber; push(event: StoredRealtimeEvent): void; closed: boolean };

/**
 * The per-process fan-out: one LISTEN connection, one query per burst of notifications,
 * and a bounded buffer per subscriber so one slow client never delays the others.
 */
export function createHub(opts: { databaseUrl: string; db?: DbOrTx }): Hub {
  const db = opts.db ?? defaultDb;
  const byChannel = new Map<string, Set<Entry>>();
  const pendingIds = new Set<string>();
  let highWater: bigint | null = null;
  let flushing: Promise<void> | null = null;
  let stopped = false;
  let listening: Promise<void> | null = null;
  let reconnectDelay = 250;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let listener: Sql | null = null;

  function connect(): Promise<void> {
    listener = postgres(opts.databaseUrl, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      fetch_types: false,
      onnotice: () => {},
      connection: { application_name: "groundwork-realtime" },
      onclose: () => {
        if (stopped) return;
        logger.warn("realtime LISTEN connection closed; reconnecting");
        listening = null;
        scheduleReconnect();
      },
      // Untyped in postgres.js's Options, but supported: notifications for every LISTEN on this client.
      ...({ onnotify: (_channel: string, payload: string) => onNotify(payload) } as object),
    });
    const client = listener;
    return (async () => {
      await client`listen ${client(NOTIFY_CHANNEL)}`;
      const caughtUp = highWater;
      if (caughtUp === null) {
        highWater = await selectMaxEventId(db);
      } else {
        // Anything committed while we were not listening: read it from the table.
        await deliver(await selectEventsSince(db, [...byChannel.keys()], caughtUp.toString(), CATCH_UP_LIMIT));
      }
      reconnectDelay = 250;
    })();
  }

  function scheduleReconnect() {
    if (stopped || reconnectTimer) return;
    const delay = reconnectDelay;
    reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      const old = listener;
      void old?.end({ timeout: 0 }).catch(() => {});
      listening = connect().catch((error: unknown) => {
        logger.error({ err: error }, "realtime LISTEN failed; retrying");
        listening = null;
        scheduleReconnect();
      });
    }, delay);
    reconnectTimer.unref();
  }

  function onNotify(payload: string) {
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
    ready() {
      if (stopped) return Promise.reject(new Error("realtime hub stopped"));
      listening ??= connect().catch((error: unknown) => {
        listening = null;
        scheduleReconnect();
        throw error;
      });
      return listening;
    },
    subscribe(subscriber) {
      const entry = makeEntry(subscriber);
      for (const channel of subscriber.channels) {
        let set = byChannel.get(channel);
        if (!set) byChannel.set(channel, (set = new Set()));
        set.add(entry);
      }
      return { unsubscribe: () => remove(entry) };
    },
    subscriberCount() {
      const all = new Set<Entry>();
      for (const set of byChannel.values()) for (const entry of set) all.add(entry);
      return all.size;
    },
    async stop() {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await listener?.end({ timeout: 1 }).catch(() => {});
    },
  };
}

const globalForHub = globalThis as unknown as { groundworkRealtimeHub?: Hub };

/** This process's hub (one LISTEN connection however many streams are open). */
export function realtimeHub(): Hub {
  return (globalForHub.groundworkRealtimeHub ??= createHub({ databaseUrl: env.DATABASE_URL }));
}
