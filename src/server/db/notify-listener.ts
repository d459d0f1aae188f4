import "server-only";
import { randomUUID } from "node:crypto";
import postgres, { type Sql } from "postgres";
import { runInBackground } from "@/server/logging/context";
import { logger } from "@/server/logging/logger";

export type ListenerState = {
  channel: string;
  /** LISTEN is active and the last heartbeat came back in time. */
  live: boolean;
  /** Why not, when not. */
  detail: string;
};

export type NotifyListener = {
  /** Resolves once LISTEN is active and has heard its own heartbeat. */
  ready(): Promise<void>;
  /** True while LISTEN is active and hearing: only then may a cache that relies on it serve entries. */
  live(): boolean;
  state(): ListenerState;
  stop(): Promise<void>;
};

const RECONNECT_MAX_MS = 10_000;
/** How often a listener NOTIFYs itself, and how long it waits to hear that back. */
export const HEARTBEAT_EVERY_MS = 5_000;
export const HEARTBEAT_WITHIN_MS = 2_000;
const HEARTBEAT_PREFIX = "\u0001heartbeat ";

/** Every listener of this process, for /api/health. */
const registry = ((globalThis as unknown as { groundworkListeners?: Set<NotifyListener> }).groundworkListeners ??= new Set());
export const notifyListeners = (): NotifyListener[] => [...registry];

/**
 * One dedicated LISTEN connection for one channel, reconnecting with backoff (the realtime hub
 * and the API-key cache each hold one): `onNotify` per payload; `onReset` whenever
 * notifications may have been missed (the connection dropped or was just re-established), so a
 * cache can forget everything; `onListen` after every LISTEN, awaited before `ready()` resolves,
 * so the realtime hub can read what it missed from the table.
 *
 * A LISTEN can succeed and still hear nothing: through PgBouncer in transaction mode it lands on
 * a server connection the pooler hands to someone else. So the listener NOTIFYs itself every
 * few seconds and counts as live only while those heartbeats come back; one that doesn't
 * resets the caches and reconnects. Its logs carry no request's context (`runInBackground`).
 */
export function createNotifyListener(opts: {
  databaseUrl: string;
  channel: string;
  onNotify(payload: string): void;
  onReset?(): void;
  onListen?(): Promise<void>;
  applicationName?: string;
}): NotifyListener {
  let client: Sql | null = null;
  let listening: Promise<void> | null = null;
  let isLive = false;
  let detail = "not connected yet";
  let stopped = false;
  let reconnectDelay = 250;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let heartbeatTimer: NodeJS.Timeout | null = null;
  const awaiting = new Map<string, () => void>();

  function onNotify(payload: string) {
    if (payload.startsWith(HEARTBEAT_PREFIX)) {
      awaiting.get(payload.slice(HEARTBEAT_PREFIX.length))?.();
      return;
    }
    opts.onNotify(payload);
  }

  // Heartbeats go out on a connection of their own: sent on the listening connection, a
  // pooler would often run them on the very server connection that holds the LISTEN, and the
  // broken loop would look fine.
  let sender: Sql | null = null;
  const senderSql = () =>
    (sender ??= postgres(opts.databaseUrl, {
      max: 1,
      idle_timeout: 30,
      connect_timeout: 5,
      fetch_types: false,
      prepare: false,
      onnotice: () => {},
      connection: { application_name: `${opts.applicationName ?? `groundwork-${opts.channel}`}-heartbeat` },
    }));

  /** NOTIFY from another session and wait to hear it: proof the loop works end to end. */
  async function heartbeat(): Promise<void> {
    const token = randomUUID();
    const heard = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), HEARTBEAT_WITHIN_MS);
      awaiting.set(token, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    try {
      const send = senderSql();
      await send`select pg_notify(${opts.channel}, ${HEARTBEAT_PREFIX + token})`;
      if (!(await heard)) {
        throw new Error(
          `LISTEN on ${opts.channel} did not hear its own NOTIFY within ${HEARTBEAT_WITHIN_MS} ms; if this URL is a pooler in transaction mode, set DATABASE_DIRECT_URL to the server itself`,
        );
      }
    } finally {
      awaiting.delete(token);
    }
  }

  function goSilent(reason: string) {
    if (!isLive) return;
    isLive = false;
    detail = reason;
    opts.onReset?.();
  }

  function connect(): Promise<void> {
    const sql = postgres(opts.databaseUrl, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      connect_timeout: 5,
      fetch_types: false,
      prepare: false,
      onnotice: () => {},
      connection: { application_name: opts.applicationName ?? `groundwork-${opts.channel}` },
      onclose: () => {
        if (client !== sql) return;
        isLive = false;
        detail = "LISTEN connection closed";
        opts.onReset?.();
        if (stopped) return;
        logger.warn({ channel: opts.channel }, "LISTEN connection closed; reconnecting");
        listening = null;
        scheduleReconnect();
      },
      ...({ onnotify: (_channel: string, payload: string) => onNotify(payload) } as object),
    });
    client = sql;
    return (async () => {
      await sql`listen ${sql(opts.channel)}`;
      await heartbeat();
      // Anything cached before this point may have missed a notification.
      opts.onReset?.();
      await opts.onListen?.();
      isLive = true;
      detail = "listening";
      reconnectDelay = 250;
      startHeartbeats(sql);
    })().catch(async (error: unknown) => {
      detail = error instanceof Error ? error.message : String(error);
      if (client === sql) client = null;
      await sql.end({ timeout: 0 }).catch(() => {});
      throw error;
    });
  }

  function startHeartbeats(sql: Sql) {
    if (heartbeatTimer) clearInterval(heartbeatTimer);
    heartbeatTimer = setInterval(() => {
      if (client !== sql || !isLive) return;
      heartbeat().catch((error: unknown) => {
        if (client !== sql || stopped) return;
        goSilent(error instanceof Error ? error.message : String(error));
        logger.warn({ channel: opts.channel, err: error }, "LISTEN heartbeat missed; reconnecting");
        client = null;
        listening = null;
        void sql.end({ timeout: 0 }).catch(() => {});
        scheduleReconnect();
      });
    }, HEARTBEAT_EVERY_MS);
    heartbeatTimer.unref();
  }

  function scheduleReconnect() {
    if (stopped || reconnectTimer) return;
    const delay = reconnectDelay;
    reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void client?.end({ timeout: 0 }).catch(() => {});
      listening = connect().catch((error: unknown) => {
        logger.error({ err: error, channel: opts.channel }, "LISTEN failed; retrying");
        listening = null;
        scheduleReconnect();
      });
    }, delay);
    reconnectTimer.unref();
  }

  const listener: NotifyListener = {
    ready() {
      if (stopped) return Promise.reject(new Error(`listener for ${opts.channel} stopped`));
      // Connections and timers outlive the request that first asked: give them no request context.
      listening ??= runInBackground(`listen:${opts.channel}`, () =>
        connect().catch((error: unknown) => {
          listening = null;
          scheduleReconnect();
          throw error;
        }),
      );
      return listening;
    },
    live: () => isLive,
    state: () => ({ channel: opts.channel, live: isLive, detail: isLive ? "listening" : detail }),
    async stop() {
      stopped = true;
      isLive = false;
      registry.delete(listener);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      if (heartbeatTimer) clearInterval(heartbeatTimer);
      await Promise.all([client?.end({ timeout: 1 }), sender?.end({ timeout: 1 })].map((p) => p?.catch(() => {})));
    },
  };
  registry.add(listener);
  return listener;
}
