import "server-only";
import type { ApiKeyScope } from "@/lib/api-scopes";
import type { PlanId } from "@/lib/plans";
import { directDatabaseUrl } from "@/server/env";
import { createNotifyListener, type NotifyListener } from "@/server/db/notify-listener";
import type { WorkspaceRole } from "@/server/db/schema";

/** Everything verification needs about a key, as of when it was read. */
export type CachedKey = {
  id: string;
  workspace: { id: string; slug: string; name: string; plan: PlanId };
  name: string;
  environment: "live" | "test";
  start: string;
  scopes: ApiKeyScope[];
  rateLimitPerMinute: number | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** The hash this secret matched, and until when it works when it is the pre-roll secret. */
  matchedHash: string;
  matchedPreviousUntil: Date | null;
  creator: { userId: string; displayName: string; role: WorkspaceRole } | null;
};

const MAX_ENTRIES = 10_000;
// Safety net only: NOTIFY is what keeps entries correct; this bounds an entry whose
// invalidation was lost in a way the listener could not notice.
const MAX_AGE_MS = 5 * 60_000;
export const KEY_CACHE_CHANNEL = "api_key_cache";

type Entry = { key: CachedKey; storedAt: number };

/**
 * Hot keys by hash, per process. Correct across processes because every change to a key, its
 * creator's membership or its workspace NOTIFYs `api_key_cache` (triggers, see migration 0009)
 * and every process drops the affected entries; while LISTEN is down nothing is served from here.
 * `generation` closes the race where a read from before a change lands after its notification.
 */
export function createKeyCache(opts: { databaseUrl: string }) {
  const byHash = new Map<string, Entry>();
  let generation = 0;

  const clear = () => {
    generation++;
    byHash.clear();
  };
  const dropWhere = (match: (key: CachedKey) => boolean) => {
    generation++;
    for (const [hash, entry] of byHash) if (match(entry.key)) byHash.delete(hash);
  };

  function onNotify(payload: string) {
    const [kind, a, b] = payload.split(" ");
    if (kind === "key" && a) dropWhere((k) => k.id === a);
    else if (kind === "member" && a && b) dropWhere((k) => k.workspace.id === a && k.creator?.userId === b);
    else if (kind === "workspace" && a) dropWhere((k) => k.workspace.id === a);
    else clear();
  }

  const listener: NotifyListener = createNotifyListener({ databaseUrl: opts.databaseUrl, channel: KEY_CACHE_CHANNEL, onNotify, onReset: clear, applicationName: "groundwork-api-key-cache" });

  return {
    listener,
    /** Call before reading a key from the database; pass the result to `set`. */
    generation: () => generation,
    get(hash: string, now = Date.now()): CachedKey | null {
      if (!listener.live()) return null;
      const entry = byHash.get(hash);
      if (!entry) return null;
      if (now - entry.storedAt > MAX_AGE_MS) {
        byHash.delete(hash);
        return null;
      }
      return entry.key;
    },
    set(hash: string, key: CachedKey, readAtGeneration: number) {
      if (!listener.live() || readAtGeneration !== generation) return;
      if (byHash.size >= MAX_ENTRIES) byHash.delete(byHash.keys().next().value!);
      byHash.set(hash, { key, storedAt: Date.now() });
    },
    size: () => byHash.size,
    clear,
  };
}
export type KeyCache = ReturnType<typeof createKeyCache>;

const globalForCache = globalThis as unknown as { groundworkApiKeyCache?: KeyCache };

/** This process's cache; its LISTEN connection opens on first use. */
export function apiKeyCache(): KeyCache {
  if (!globalForCache.groundworkApiKeyCache) {
    const cache = createKeyCache({ databaseUrl: directDatabaseUrl() });
    globalForCache.groundworkApiKeyCache = cache;
    cache.listener.ready().catch(() => {});
  }
  return globalForCache.groundworkApiKeyCache;
}
