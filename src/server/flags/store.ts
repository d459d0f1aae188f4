import "server-only";
import { evaluateFlag, type Evaluation, type FlagContext } from "@/lib/flags/evaluate";
import { FLAGS, type FlagDefinition, type FlagKey, type JsonValue } from "@/lib/flags/registry";
import { parseStoredTargeting, type Targeting } from "@/lib/flags/targeting";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { createNotifySnapshot } from "@/server/db/notify-snapshot";
import { featureFlagCohortMembers, featureFlags } from "@/server/db/schema";
import { directDatabaseUrl } from "@/server/env";
import { logger } from "@/server/logging/logger";
import { previewFlagOverrides } from "./preview-overrides";

export const FLAGS_NOTIFY_CHANNEL = "feature_flags";

export type FlagSnapshot = { targeting: ReadonlyMap<string, Targeting>; cohorts: ReadonlyMap<string, ReadonlySet<string>>; loadedAt: number };
export type FlagSubject = FlagContext & { overrides?: Readonly<Partial<Record<FlagKey, JsonValue>>> | null };

const EMPTY: FlagSnapshot = { targeting: new Map(), cohorts: new Map(), loadedAt: 0 };

async function loadFlagSnapshot(db: DbOrTx): Promise<FlagSnapshot> {
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
  return { targeting, cohorts, loadedAt: Date.now() };
}

/**
 * All targeting and cohorts, in memory, per process: evaluation is a map lookup and a hash,
 * never a query. Every change NOTIFYs `feature_flags` (triggers, migration 0013) and each
 * process reloads the whole snapshot (a few rows) through `createNotifySnapshot`.
 */
export function createFlagStore(opts: { databaseUrl: string; db?: DbOrTx; applicationName?: string }) {
  const db = opts.db ?? defaultDb;
  const kept = createNotifySnapshot({
    databaseUrl: opts.databaseUrl,
    channel: FLAGS_NOTIFY_CHANNEL,
    applicationName: opts.applicationName ?? "groundwork-feature-flags",
    empty: EMPTY,
    load: () => loadFlagSnapshot(db),
  });
  const inCohort = (cohort: string, userId: string) => kept.snapshot().cohorts.get(cohort)?.has(userId) ?? false;

  return {
    ...kept,
    targeting: (key: FlagKey): Targeting | null => kept.snapshot().targeting.get(key) ?? null,
    /** The evaluation, synchronous; call after `ready()`. */
    evaluate(key: FlagKey, subject: FlagSubject): Evaluation {
      const def = FLAGS[key] as FlagDefinition;
      const override = subject.overrides?.[key] ?? previewFlagOverrides()[key];
      return evaluateFlag(key, def, kept.snapshot().targeting.get(key) ?? null, subject, inCohort, override);
    },
  };
}
export type FlagStore = ReturnType<typeof createFlagStore>;

const globalForFlags = globalThis as unknown as { groundworkFlagStore?: FlagStore };

/** This process's store; its LISTEN connection and first load start on first use. */
export function flagStore(): FlagStore {
  if (!globalForFlags.groundworkFlagStore) {
    const store = createFlagStore({ databaseUrl: directDatabaseUrl() });
    globalForFlags.groundworkFlagStore = store;
    store.ready().catch(() => {});
  }
  return globalForFlags.groundworkFlagStore;
}
