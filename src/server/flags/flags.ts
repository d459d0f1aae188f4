import "server-only";
import { OpenFeature, type Client, type EvaluationDetails, type FlagValue as OfFlagValue, type JsonValue as OfJsonValue } from "@openfeature/server-sdk";
import { FLAG_KEYS, FLAGS, type FlagDefinition, type FlagKey, type FlagValue } from "@/lib/flags/registry";
import { evaluationCounter } from "./evaluation-counter";
import { GroundworkFlagProvider, toEvaluationContext } from "./provider";
import { flagStore, type FlagSubject } from "./store";

export type { FlagSubject } from "./store";

const DOMAIN = "groundwork";
const globalForOf = globalThis as unknown as { groundworkFlagsClient?: Client };

/**
 * The OpenFeature client every server call site goes through. Groundwork's Postgres-backed
 * provider is bound here, and only here: moving to another vendor's provider is this line.
 */
export function flagsClient(): Client {
  if (!globalForOf.groundworkFlagsClient) {
    OpenFeature.setProvider(DOMAIN, new GroundworkFlagProvider(flagStore(), evaluationCounter()));
    globalForOf.groundworkFlagsClient = OpenFeature.getClient(DOMAIN);
  }
  return globalForOf.groundworkFlagsClient;
}

function details(key: FlagKey, subject: FlagSubject): Promise<EvaluationDetails<OfFlagValue>> {
  const def = FLAGS[key] as FlagDefinition;
  const client = flagsClient();
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
  await flagStore().ready();
  return (await details(key, subject)).value as FlagValue<K>;
}

export type ClientFlagValue = { value: unknown; variant: string | null; reason: string | null };

/** Every browser-visible flag evaluated for this subject: what pages hydrate and the client refetches on change. */
export async function evaluateClientFlags(subject: FlagSubject): Promise<Record<string, ClientFlagValue>> {
  await flagStore().ready();
  const out: Record<string, ClientFlagValue> = {};
  for (const key of FLAG_KEYS) {
    if (!(FLAGS[key] as FlagDefinition).client) continue;
    const d = await details(key, subject);
    out[key] = { value: d.value, variant: d.variant ?? null, reason: d.reason ?? null };
  }
  return out;
}
