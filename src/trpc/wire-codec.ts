/**
 * The browser's half of tRPC's superjson wire format, without superjson (4 kB gzipped on every
 * signed-in page; decision 041). The server keeps superjson itself (`server/trpc/init.ts`,
 * `trpc/server.tsx`); this speaks the same envelope, `{ json, meta?: { values, v: 1 } }`:
 *
 * - `serialize` (inputs going up) writes what superjson writes for the values inputs carry:
 *   plain objects and arrays, `Date`, `undefined`, `bigint`, and the numbers JSON can't carry
 *   (NaN, ±Infinity, -0). A Map, Set, RegExp, URL or Error throws rather than reaching the
 *   server as something else; other objects go as `JSON.stringify` writes them, as with superjson.
 * - `deserialize` (outputs and hydrated queries coming down) applies superjson's value
 *   annotations of every kind superjson writes without a registry: the ones above and `regexp`,
 *   `set`, `map`, `URL` and `Error`. Registered classes, symbols, custom transformers and typed
 *   arrays (never registered or sent by this app) throw. Referential-equality annotations are
 *   not applied: superjson (without `dedupe`) writes every copy in full, so only object
 *   identity between two places of one response is lost, which no caller relies on.
 *
 * A unit test checks both directions against superjson itself, sample by sample.
 */

type Path = Array<string | number>;
type Annotations = Record<string, unknown> | unknown[];
export type WireEnvelope = { json: unknown; meta?: { values?: Annotations; referentialEqualities?: unknown; v?: number } };

const escapeKey = (key: string) => key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || proto === Object.prototype;
}

/** A value superjson annotates on its own (no recursion), as [annotation, JSON form], or null. */
function leaf(value: unknown): [string, unknown] | null {
  if (value === undefined) return ["undefined", null];
  if (typeof value === "bigint") return ["bigint", value.toString()];
  if (value instanceof Date) return ["Date", value.toISOString()];
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ["number", "NaN"];
    if (value === Infinity || value === -Infinity) return ["number", value > 0 ? "Infinity" : "-Infinity"];
    if (value === 0 && 1 / value === -Infinity) return ["number", "-0"];
  }
  return null;
}

type Found = { root?: [string]; paths: Record<string, [string]> };

function walk(value: unknown, path: string[], found: Found, ancestors: object[]): unknown {
  const annotated = leaf(value);
  if (annotated) {
    if (path.length === 0) found.root = [annotated[0]];
    else found.paths[path.join(".")] = [annotated[0]];
    return annotated[1];
  }
  if (typeof value !== "object" || value === null) {
    if (typeof value === "function" || typeof value === "symbol") throw new TypeError(`Can't send a ${typeof value} to the server`);
    return value;
  }
  if (value instanceof Map || value instanceof Set || value instanceof RegExp || value instanceof URL || value instanceof Error) {
    throw new TypeError(`Can't send a ${value.constructor.name} to the server`);
  }
  // Other objects go as JSON.stringify writes them, as with superjson.
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  // superjson writes null for an object inside itself; so do we.
  if (ancestors.includes(value)) return null;
  const inner = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, String(i)], found, inner));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") throw new TypeError(`Can't send a property named ${key}`);
    out[key] = walk(item, [...path, escapeKey(key)], found, inner);
  }
  return out;
}

export function serialize(value: unknown): WireEnvelope {
  const found: Found = { paths: {} };
  const json = walk(value, [], found, []);
  const values = found.root ?? (Object.keys(found.paths).length > 0 ? found.paths : undefined);
  return values ? { json, meta: { values, v: 1 } } : { json };
}

function parsePath(text: string): string[] {
  const segments: string[] = [];
  let segment = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\\" && (text[i + 1] === "\\" || text[i + 1] === ".")) {
      segment += text[i + 1];
      i++;
    } else if (char === ".") {
      segments.push(segment);
      segment = "";
    } else {
      segment += char;
    }
  }
  segments.push(segment);
  return segments;
}

function untransform(type: unknown, value: unknown): unknown {
  switch (type) {
    case "undefined":
      return undefined;
    case "bigint":
      return BigInt(value as string);
    case "Date":
      return new Date(value as string);
    case "number":
      return Number(value);
    case "regexp": {
      const text = value as string;
      return new RegExp(text.slice(1, text.lastIndexOf("/")), text.slice(text.lastIndexOf("/") + 1));
    }
    case "set":
      return new Set(value as unknown[]);
    case "map":
      return new Map(value as Array<[unknown, unknown]>);
    case "URL":
      return new URL(value as string);
    case "Error": {
      const { message, name, cause, stack } = value as { message: string; name: string; cause?: unknown; stack?: string };
      const error = new Error(message, cause === undefined ? undefined : { cause });
      error.name = name;
      if (stack !== undefined) error.stack = stack;
      return error;
    }
    default:
      throw new TypeError(`Unsupported value in a server response: ${JSON.stringify(type)}`);
  }
}

/**
 * Applies annotations the way superjson's `applyValueAnnotations` does: children first (their
 * paths still run through the parent's JSON form), then the node itself.
 */
function apply(root: { value: unknown }, tree: unknown, path: Path) {
  if (Array.isArray(tree)) {
    const [type, children] = tree as [unknown, Record<string, unknown> | undefined];
    if (children) for (const [key, child] of Object.entries(children)) apply(root, child, [...path, ...parsePath(key)]);
    if (path.length === 0) {
      root.value = untransform(type, root.value);
      return;
    }
    let parent = root.value as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    parent[last] = untransform(type, parent[last]);
    return;
  }
  if (tree && typeof tree === "object") for (const [key, child] of Object.entries(tree)) apply(root, child, [...path, ...parsePath(key)]);
}

export function deserialize(payload: WireEnvelope): unknown {
  const values = payload.meta?.values;
  if (!values) return payload.json;
  // Annotated values are replaced in place, so work on a copy (superjson does too).
  const root = { value: structuredClone(payload.json) };
  apply(root, values, []);
  return root.value;
}

/** `{ serialize, deserialize }` in the shape tRPC's links and TanStack Query's hydration take. */
export const wireCodec = {
  serialize,
  deserialize: (payload: unknown) => deserialize(payload as WireEnvelope),
};
