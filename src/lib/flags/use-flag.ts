import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import { FLAGS, type FlagKey, type FlagValue, type JsonValue } from "./registry";

/** What the browser holds per flag: the value the server evaluated (OpenFeature on the server; decision 025). */
export type HydratedFlagValues = Record<string, { value: unknown }>;

const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The browser's flag values for one layout: hydrated with the page, replaced when the flags
 * channel says something changed. It never evaluates targeting (rules and cohorts stay on the
 * server). A flag whose value didn't change keeps its old value object, so only the hooks
 * reading a changed flag re-render (decision 060: this replaced OpenFeature's web SDK in the
 * browser, 10.3 kB on every board page).
 */
export class FlagValueStore {
  private values: HydratedFlagValues;
  private readonly listeners = new Set<() => void>();

  constructor(values: HydratedFlagValues) {
    this.values = values;
  }

  /** Replaces the values and notifies when any changed; returns the keys that changed. */
  update(values: HydratedFlagValues): string[] {
    const keys = new Set([...Object.keys(this.values), ...Object.keys(values)]);
    const changed = [...keys].filter((k) => !sameValue(this.values[k]?.value, values[k]?.value));
    if (changed.length === 0) return changed;
    const next: HydratedFlagValues = {};
    for (const [k, v] of Object.entries(values)) next[k] = changed.includes(k) ? v : (this.values[k] ?? v);
    this.values = next;
    for (const listener of this.listeners) listener();
    return changed;
  }

  /** The value for `key`, or `fallback` when the server sent none or one of another type. */
  read(key: string, fallback: JsonValue): unknown {
    const entry = this.values[key];
    if (!entry) return fallback;
    const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
    return kind(entry.value) === kind(fallback) || (typeof fallback === "object" && typeof entry.value === "object" && entry.value !== null) ? entry.value : fallback;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
}

export const FlagValuesContext = createContext<FlagValueStore | null>(null);

/**
 * A flag's value in a client component, typed by the registry: `useFlagValue("boards.trending-sort")`
 * is a boolean, an unknown key doesn't compile. The value is the server's (hydrated with the page,
 * so no flicker) and re-renders when a change is pushed. Needs the layout's `LiveFlags`.
 */
export function useFlagValue<K extends FlagKey>(key: K): FlagValue<K> {
  const store = useContext(FlagValuesContext);
  if (!store) throw new Error(`useFlagValue("${key}") needs its layout to wrap the page in LiveFlags`);
  const fallback = FLAGS[key].default as JsonValue;
  const read = useCallback(() => store.read(key, fallback), [store, key, fallback]);
  return useSyncExternalStore(store.subscribe, read, read) as FlagValue<K>;
}
