/**
 * Hostile values for the fuzz runs (REST and tRPC): what a probe sends to find a 500. Each
 * comes with a way to put it into an otherwise valid input, so the run reaches past the first
 * field a schema refuses.
 */
import type { createRandom } from "@/lib/random";

export const HOSTILE_STRINGS = ["", " ", "0", "-1", "\u0000", "a\u0000b", "\uD800", "lone \uDFFF", "\u001b[2J", "\u202Eevil", "x".repeat(20_000), "1e308", "-0", "__proto__", "constructor"];
export const HOSTILE_NUMBERS = [1e308, -1e308, -0, 2 ** 53 + 1, 1e21, -1, 0.5, Number.MAX_VALUE, Number.MIN_VALUE];
const WRONG_TYPES: unknown[] = [null, true, [], {}, [["nested"]], { a: { b: { c: 1 } } }];

/** JSON texts no ordinary serializer writes: deep nesting, prototype-pollution keys, duplicate keys. */
export const HOSTILE_JSON_TEXTS = [
  `${"[".repeat(5_000)}${"]".repeat(5_000)}`,
  `${'{"a":'.repeat(2_000)}1${"}".repeat(2_000)}`,
  '{"__proto__":{"isAdmin":true,"role":"owner"},"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1,"a":2}',
  "1e308",
  "-0",
  '"\\u0000"',
  '"\\ud800"',
];

/**
 * Percent-encodes for a URL, keeping lone surrogates hostile: encodeURIComponent throws on them,
 * so they go out as the bytes a raw client could send (%ED%A0%80, not valid UTF-8).
 */
export function encodeHostile(value: string): string {
  return value
    .split(/([\uD800-\uDFFF])/u)
    .map((part) => (/^[\uD800-\uDFFF]$/u.test(part) ? "%ED%A0%80" : encodeURIComponent(part)))
    .join("");
}

type Leaf = { path: (string | number)[]; value: unknown };

/** Every leaf of a JSON-able value, with its path (objects and arrays walked). */
export function leaves(value: unknown, path: (string | number)[] = []): Leaf[] {
  if (Array.isArray(value)) return value.length === 0 ? [{ path, value }] : value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? [{ path, value }] : entries.flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [{ path, value }];
}

export function withLeaf(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = withLeaf(copy[head!], rest, replacement);
  return copy;
}

/** Every hostile replacement for one leaf: strings, numbers and wrong types alike. */
export const HOSTILE_VALUES: unknown[] = [...HOSTILE_STRINGS, ...HOSTILE_NUMBERS, ...WRONG_TYPES];

/** One valid input with one leaf made hostile, or a hostile JSON text, as the raw body to send. */
export function hostileVariant(valid: unknown, random: ReturnType<typeof createRandom>): string {
  if (random.next() < 0.2) return random.pick(HOSTILE_JSON_TEXTS);
  const all = leaves(valid);
  const leaf = random.pick(all);
  return JSON.stringify(withLeaf(valid, leaf.path, random.pick(HOSTILE_VALUES)));
}
