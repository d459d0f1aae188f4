import { useFlag } from "@openfeature/react-sdk";
import type { FlagValue as OfFlagValue } from "@openfeature/web-sdk";
import { FLAGS, type FlagKey, type FlagValue } from "./registry";

/**
 * A flag's value in a client component, through OpenFeature's React SDK, typed by the registry:
 * `useFlagValue("boards.trending-sort")` is a boolean, an unknown key doesn't compile. The
 * value is the server's (hydrated with the page, so no flicker) and re-renders when a change
 * is pushed.
 */
export function useFlagValue<K extends FlagKey>(key: K): FlagValue<K> {
  return useFlag(key, FLAGS[key].default as OfFlagValue).value as FlagValue<K>;
}
