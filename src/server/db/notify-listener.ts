import "server-only";
import postgres, { type Sql } from "postgres";
import { logger } from "@/server/logging/logger";

export type NotifyListener = {
  /** Resolves once LISTEN is active. */
  ready(): Promise<void>;
  /** True while LISTEN is active: only then may a cache that relies on it serve entries. */
  live(): boolean;
  stop(): Promise<void>;
};

const RECONNECT_MAX_MS = 10_000;

/**
 * One dedicated LISTEN connection for one channel, reconnecting with backoff (the realtime hub
 * and the API-key cache each hold one): `onNotify` per payload; `onReset` whenever
 * notifications may have been missed (the connection dropped or was just re-established), so a
 * cache can forget everything; `onListen` after every LISTEN, awaited before `ready()` resolves,
 * so the realtime hub can read what it missed from the table.
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
  let stopped = false;
  let reconnectDelay = 250;
  let reconnectTimer: NodeJS.Timeout | null = null;

  function connect(): Promise<void> {
    const sql = postgres(opts.databaseUrl, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      fetch_types: false,
      onnotice: () => {},
      connection: { application_name: opts.applicationName ?? `groundwork-${opts.channel}` },
      onclose: () => {
        isLive = false;
        opts.onReset?.();
        if (stopped) return;
        logger.warn({ channel: opts.channel }, "LISTEN connection closed; reconnecting");
        listening = null;
        scheduleReconnect();
      },
      ...({ onnotify: (_channel: string, payload: string) => opts.onNotify(payload) } as object),
    });
    client = sql;
    return (async () => {
      await sql`listen ${sql(opts.channel)}`;
      // Anything cached before this point may have missed a notification.
      opts.onReset?.();
      await opts.onListen?.();
      isLive = true;
      reconnectDelay = 250;
    })();
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

  return {
    ready() {
      if (stopped) return Promise.reject(new Error(`listener for ${opts.channel} stopped`));
      listening ??= connect().catch((error: unknown) => {
        listening = null;
        scheduleReconnect();
        throw error;
      });
      return listening;
    },
    live: () => isLive,
    async stop() {
      stopped = true;
      isLive = false;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await client?.end({ timeout: 1 }).catch(() => {});
    },
  };
}
