import "server-only";
import { createNotifyListener, type NotifyListener } from "./notify-listener";
import { runOutsideRequestContext } from "@/server/logging/context";
import { logger } from "@/server/logging/logger";

// Safety net only (NOTIFY keeps the snapshot current): bounds staleness if a notification is
// lost in a way the listener cannot notice.
const REFRESH_MS = 60_000;

export type NotifySnapshot<T> = {
  listener: NotifyListener;
  /** Resolves once LISTEN is active and the first snapshot is loaded. */
  ready(): Promise<void>;
  reload(): Promise<void>;
  snapshot(): T;
  onChange(fn: (snapshot: T) => void): () => void;
  stop(): Promise<void>;
};

/**
 * A small table kept whole in memory, per process, and current across processes: every change
 * NOTIFYs `channel` (a statement trigger) and each process reloads everything; a LISTEN
 * (re)start reloads too, since notifications may have been missed. Loads are coalesced: a
 * notification during a load causes one more load after it, so the last commit always wins.
 * Feature flags and security rules use it.
 */
export function createNotifySnapshot<T>(opts: { databaseUrl: string; channel: string; applicationName: string; empty: T; load(): Promise<T> }): NotifySnapshot<T> {
  let current = opts.empty;
  let loading: Promise<void> | null = null;
  let dirty = false;
  const changeListeners = new Set<(snapshot: T) => void>();

  async function loadOnce() {
    current = await opts.load();
    for (const fn of changeListeners) fn(current);
  }

  function reload(): Promise<void> {
    if (loading) {
      dirty = true;
      return loading;
    }
    // Shared work: the first request to need the snapshot must not be charged its queries.
    loading = runOutsideRequestContext(async () => {
      try {
        do {
          dirty = false;
          await loadOnce();
        } while (dirty);
      } finally {
        loading = null;
      }
    });
    return loading;
  }

  const listener = createNotifyListener({
    databaseUrl: opts.databaseUrl,
    channel: opts.channel,
    applicationName: opts.applicationName,
    onNotify: () => void reload().catch((error: unknown) => logger.error({ err: error, channel: opts.channel }, "could not reload the snapshot")),
    onListen: () => reload(),
  });
  const refresh = setInterval(() => {
    if (listener.live()) void reload().catch(() => {});
  }, REFRESH_MS);
  refresh.unref();

  return {
    listener,
    ready: () => listener.ready(),
    reload,
    snapshot: () => current,
    onChange(fn) {
      changeListeners.add(fn);
      return () => changeListeners.delete(fn);
    },
    async stop() {
      clearInterval(refresh);
      await listener.stop();
    },
  };
}
