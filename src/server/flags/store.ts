import "server-only";
import { evaluateFlag, type Evaluation, type FlagContext } from "@/lib/flags/evaluate";
import { FLAGS, type FlagDefinition, type FlagKey, type JsonValue } from "@/lib/flags/registry";
import { parseStoredTargeting, type Targeting } from "@/lib/flags/targeting";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { createNotifyListener, type NotifyListener } from "@/server/db/notify-listener";
import { featureFlagCohortMembers, featureFlags } from "@/server/db/schema";
import { env } from "@/server/env";
import { runOutsideRequestContext } from "@/server/logging/context";
import { logger } from "@/server/logging/logger";
import { previewFlagOverrides } from "./preview-overrides";

export const FLAGS_NOTIFY_CHANNEL = "feature_flags";
// Safety net only (NOTIFY keeps the snapshot current): bounds staleness if a notification is
// lost in a way the listener cannot notice.
const REFRESH_MS = 60_000;

export type FlagSnapshot = { targeting: ReadonlyMap<string, Targeting>; cohorts: ReadonlyMap<string, ReadonlySet<string>>; loadedAt: number };
export type FlagSubject = FlagContext & { overrides?: Readonly<Partial<Record<FlagKey, JsonValue>>> | null };

const EMPTY: FlagSnapshot = { targeting: new Map(), cohorts: new Map(), loadedAt: 0 };

/**
 * All targeting and cohorts, in memory, per process: evaluation is a map lookup and a hash,
 * never a query. Every change NOTIFYs `feature_flags` (triggers, migration 0013) and each
 * process reloads the whole snapshot (a few rows); a LISTEN (re)start reloads too, since
 * notifications may have been missed. Loads are coalesced: a notification during a load
 * causes one more load after it, so the last commit always wins.
 */
export function createFlagStore(opts: { databaseUrl: string; db?: DbOrTx; applicationName?: string }) {
  const db = opts.db ?? defaultDb;
  let snapshot = EMPTY;
  let loading: Promise<void> | null = null;
  let dirty = false;
  const changeListeners = new Set<(snapshot: FlagSnapshot) => void>();

  async function loadOnce() {
    const [rows, members] = await Promise.all([
      db.select({ key: featureFlags.key, targeting: featureFlags.targeting, killed: featureFlags.killed, killReason: featureFlags.killReason }).from(featureFlags),
      db.select({ cohort: featureFlagCohortMembers.cohort, userId: featureFlagCohortMembers.userId }).from(featureFlagCohortMembers),
    ]);
    const targeting = new Map<string, Targeting>();
    for (const row of rows) {
      const parsed = parseStoredTargeting(row);
      if (parsed) targeting.set(row.key, parsed);
      else logger.warn({ flag: row.key }, "stored flag targeting does not match the registry; serving the code default");
    }
    const cohorts = new Map<string, Set<string>>();
    for (const m of members) {
      let set = cohorts.get(m.cohort);
      if (!set) cohorts.set(m.cohort, (set = new Set()));
      set.add(m.userId);
    }
    snapshot = { targeting, cohorts, loadedAt: Date.now() };
    for (const listener of changeListeners) listener(snapshot);
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

  const listener: NotifyListener = createNotifyListener({
    databaseUrl: opts.databaseUrl,
    channel: FLAGS_NOTIFY_CHANNEL,
    applicationName: opts.applicationName ?? "groundwork-feature-flags",
    onNotify: () => void reload().catch((error: unknown) => logger.error({ err: error }, "could not reload feature flags")),
    onListen: () => reload(),
  });
  const refresh = setInterval(() => {
    if (listener.live()) void reload().catch(() => {});
  }, REFRESH_MS);
  refresh.unref();

  const inCohort = (cohort: string, userId: string) => snapshot.cohorts.get(cohort)?.has(userId) ?? false;

  return {
    listener,
    /** Resolves once LISTEN is active and the first snapshot is loaded. */
    ready: () => listener.ready(),
    reload,
    snapshot: () => snapshot,
    targeting: (key: FlagKey): Targeting | null => snapshot.targeting.get(key) ?? null,
    /** The evaluation, synchronous; call after `ready()`. */
    evaluate(key: FlagKey, subject: FlagSubject): Evaluation {
      const def = FLAGS[key] as FlagDefinition;
      const override = subject.overrides?.[key] ?? previewFlagOverrides()[key];
      return evaluateFlag(key, def, snapshot.targeting.get(key) ?? null, subject, inCohort, override);
    },
    onChange(fn: (snapshot: FlagSnapshot) => void) {
      changeListeners.add(fn);
      return () => changeListeners.delete(fn);
    },
    async stop() {
      clearInterval(refresh);
      await listener.stop();
    },
  };
}
export type FlagStore = ReturnType<typeof createFlagStore>;

const globalForFlags = globalThis as unknown as { groundworkFlagStore?: FlagStore };

/** This process's store; its LISTEN connection and first load start on first use. */
export function flagStore(): FlagStore {
  if (!globalForFlags.groundworkFlagStore) {
    const store = createFlagStore({ databaseUrl: env.DATABASE_URL });
    globalForFlags.groundworkFlagStore = store;
    store.ready().catch(() => {});
  }
  return globalForFlags.groundworkFlagStore;
}
