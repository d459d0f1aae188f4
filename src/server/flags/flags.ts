import "server-only";
import { OpenFeature, type Client, type EvaluationDetails, type FlagValue as OfFlagValue, type JsonValue as OfJsonValue } from "@openfeature/server-sdk";
import { FLAG_KEYS, FLAGS, type FlagDefinition, type FlagKey, type FlagValue } from "@/lib/flags/registry";
import { logger } from "@/server/logging/logger";
import { evaluationCounter } from "./evaluation-counter";
import { GroundworkFlagProvider, toEvaluationContext } from "./provider";
import { flagStore, type FlagSubject } from "./store";

export type { FlagSubject } from "./store";

const DOMAIN = "groundwork";
const globalForOf = globalThis as unknown as { groundworkFlags?: { client: Client; ready: Promise<void> } };

/**
 * The OpenFeature client every server call site goes through, once its provider is ready.
 * Groundwork's Postgres-backed provider is bound here, and only here: moving to another
 * vendor's provider is this line.
 */
export async function flagsClient(): Promise<Client> {
  if (!globalForOf.groundworkFlags) {
    // A failed first load (database down at boot) is retried by the listener; meanwhile flags
    // serve their code defaults instead of failing every caller.
    const ready = OpenFeature.setProviderAndWait(DOMAIN, new GroundworkFlagProvider(flagStore(), evaluationCounter())).catch((error: unknown) =>
      logger.error({ err: error }, "feature flags not loaded; serving code defaults until they are"),
    );
    globalForOf.groundworkFlags = { client: OpenFeature.getClient(DOMAIN), ready };
  }
  await globalForOf.groundworkFlags.ready;
  return globalForOf.groundworkFlags.client;
}

async function details(key: FlagKey, subject: FlagSubject): Promise<EvaluationDetails<OfFlagValue>> {
  const def = FLAGS[key] as FlagDefinition;
  const client = await flagsClient();
  const ctx = toEvaluationContext(subject);
  switch (def.kind) {
    case "boolean":
      return client.getBooleanDetails(key, def.default, ctx);
    case "string":
      return client.getStringDetails(key, def.default, ctx);
    case "number":
      return client.getNumberDetails(key, def.default, ctx);
    case "json":
      return client.getObjectDetails(key, def.default as OfJsonValue, ctx);
  }
}

/**
 * A flag's value for this subject, typed by the registry: `await getFlag("boards.trending-sort", subject)`.
 * Operations check flags with this as they would an entitlement; it never queries.
 */
export async function getFlag<K extends FlagKey>(key: K, subject: FlagSubject): Promise<FlagValue<K>> {
  return (await details(key, subject)).value as FlagValue<K>;
}

export type ClientFlagValue = { value: unknown; variant: string | null; reason: string | null };

/** Every browser-visible flag evaluated for this subject: what pages hydrate and the client refetches on change. */
export async function evaluateClientFlags(subject: FlagSubject): Promise<Record<string, ClientFlagValue>> {
  const out: Record<string, ClientFlagValue> = {};
  for (const key of FLAG_KEYS) {
    if (!(FLAGS[key] as FlagDefinition).client) continue;
    const d = await details(key, subject);
    out[key] = { value: d.value, variant: d.variant ?? null, reason: d.reason ?? null };
  }
  return out;
}
