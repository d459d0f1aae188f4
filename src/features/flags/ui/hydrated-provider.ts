import {
  ErrorCode,
  OpenFeature,
  OpenFeatureEventEmitter,
  ProviderEvents,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from "@openfeature/web-sdk";
import type { ClientFlagValues } from "../schemas";

/**
 * The browser's OpenFeature provider: it serves values the server evaluated (static-context
 * paradigm), hydrated with the page and replaced when the flags channel says something changed.
 * It never evaluates targeting itself, so rules and cohorts never reach the browser.
 */
export class HydratedFlagProvider implements Provider {
  readonly metadata = { name: "groundwork-hydrated" } as const;
  readonly runsOn = "client" as const;
  readonly events = new OpenFeatureEventEmitter();
  private values: ClientFlagValues;

  constructor(values: ClientFlagValues) {
    this.values = values;
  }

  /** Replaces the values; hooks re-render for the flags whose value changed. */
  update(values: ClientFlagValues, opts: { silent?: boolean } = {}) {
    const keys = new Set([...Object.keys(this.values), ...Object.keys(values)]);
    const changed = [...keys].filter((k) => JSON.stringify(this.values[k]?.value) !== JSON.stringify(values[k]?.value));
    this.values = values;
    if (changed.length > 0 && !opts.silent) this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: changed });
    return changed;
  }

  private resolve<T>(key: string, defaultValue: T, type: string): ResolutionDetails<T> {
    const entry = this.values[key];
    if (!entry) return { value: defaultValue, reason: "ERROR", errorCode: ErrorCode.FLAG_NOT_FOUND };
    if (typeof entry.value !== type && !(type === "object" && entry.value !== null)) return { value: defaultValue, reason: "ERROR", errorCode: ErrorCode.TYPE_MISMATCH };
    return { value: entry.value as T, variant: entry.variant ?? undefined, reason: entry.reason ?? "STATIC" };
  }
  resolveBooleanEvaluation(key: string, defaultValue: boolean) {
    return this.resolve(key, defaultValue, "boolean");
  }
  resolveStringEvaluation(key: string, defaultValue: string) {
    return this.resolve(key, defaultValue, "string");
  }
  resolveNumberEvaluation(key: string, defaultValue: number) {
    return this.resolve(key, defaultValue, "number");
  }
  resolveObjectEvaluation<T extends JsonValue>(key: string, defaultValue: T) {
    return this.resolve(key, defaultValue, "object");
  }
}

export const BROWSER_DOMAIN = "groundwork";
let browserProvider: HydratedFlagProvider | null = null;

/** In the browser: one provider for the tab, created with the first page's values. */
export function browserFlagProvider(initial: ClientFlagValues): HydratedFlagProvider {
  if (!browserProvider) {
    browserProvider = new HydratedFlagProvider(initial);
    OpenFeature.setProvider(BROWSER_DOMAIN, browserProvider);
  }
  return browserProvider;
}

const MAX_SSR_DOMAINS = 1_000;
const ssrDomains = new Map<string, string>();

/**
 * During server rendering the OpenFeature API is one object shared by every request, so a
 * request's values can't live in one mutable provider. Each distinct set of values gets its own
 * immutable provider under a domain named by the values: requests never see each other's
 * flags, and the number of domains is bounded by the number of distinct combinations.
 */
export function serverRenderDomain(values: ClientFlagValues): string {
  const id = JSON.stringify(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.value, v.variant]));
  let domain = ssrDomains.get(id);
  if (!domain) {
    if (ssrDomains.size >= MAX_SSR_DOMAINS) ssrDomains.clear();
    domain = `groundwork-ssr-${ssrDomains.size}-${Date.now().toString(36)}`;
    OpenFeature.setProvider(domain, new HydratedFlagProvider(values));
    ssrDomains.set(id, domain);
  }
  return domain;
}
