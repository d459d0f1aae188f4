/**
 * Every feature flag, declared once in code. The key is the type: `getFlag`, `useFlagValue`
 * and the staff screens accept only keys listed here, so a typo or a removed flag fails
 * type-checking instead of silently serving a default. Targeting (who gets what) lives in
 * Postgres; this file says what a flag is, what it serves when nothing targets it, what its
 * kill switch serves, who owns it and when it should be gone.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

type Common = {
  description: string;
  /** A person or team to ask before changing it. */
  owner: string;
  /** YYYY-MM-DD; past this date the flag shows on the stale list. */
  removeBy: string;
  /** Evaluated for the browser (hydrated into pages, pushed on change). Server-only flags never leave the server. */
  client: boolean;
};
export type BooleanFlag = Common & { kind: "boolean"; default: boolean; off: false };
export type StringFlag<V extends string = string> = Common & { kind: "string"; variants: readonly V[]; default: V; off: V };
export type NumberFlag = Common & { kind: "number"; default: number; off: number; min: number; max: number };
export type JsonFlag = Common & { kind: "json"; default: JsonValue; off: JsonValue };
export type FlagDefinition = BooleanFlag | StringFlag | NumberFlag | JsonFlag;

const defineFlags = <const T extends Record<string, FlagDefinition>>(flags: T) => flags;

export const FLAGS = defineFlags({
  "boards.trending-sort": {
    kind: "boolean",
    description: "The Trending sort on feedback boards (recent votes weigh more; decision 011).",
    owner: "feedback team",
    removeBy: "2027-03-31",
    client: true,
    default: true,
    off: false,
  },
  "feedback.similar-posts": {
    kind: "boolean",
    description: "Similar existing posts suggested while a new post's title is typed.",
    owner: "feedback team",
    removeBy: "2027-03-31",
    client: true,
    default: true,
    off: false,
  },
  "boards.default-sort": {
    kind: "string",
    description: "The sort a board opens with.",
    owner: "feedback team",
    removeBy: "2027-06-30",
    client: true,
    variants: ["top", "trending", "new"],
    default: "top",
    off: "top",
  },
});

export type FlagRegistry = typeof FLAGS;
export type FlagKey = keyof FlagRegistry;
type ValueOf<D> = D extends { kind: "boolean" }
  ? boolean
  : D extends { kind: "string"; variants: readonly (infer V)[] }
    ? V
    : D extends { kind: "number" }
      ? number
      : JsonValue;
export type FlagValue<K extends FlagKey> = ValueOf<FlagRegistry[K]>;
export type FlagValues = { [K in FlagKey]: FlagValue<K> };

export const FLAG_KEYS = Object.keys(FLAGS) as FlagKey[];
export const isFlagKey = (key: string): key is FlagKey => Object.hasOwn(FLAGS, key);
export const flagDefinition = (key: FlagKey): FlagDefinition => FLAGS[key] as FlagDefinition;
