import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { deserialize, serialize, type WireEnvelope } from "@/trpc/wire-codec";

// The browser's codec must read what the server's superjson writes, and write what it reads.
const when = new Date("2026-12-06T03:04:05.678Z");
const inputs: Array<[string, unknown]> = [
  ["undefined (a query without input)", undefined],
  ["null", null],
  ["a string", "hello"],
  ["a root date", when],
  ["plain JSON", { workspaceSlug: "acme", page: 2, tags: ["a", "b"], nested: { ok: true, n: null } }],
  ["dates and undefined in objects and arrays", { at: when, list: [{ at: when }, { at: undefined }], maybe: undefined }],
  ["keys with dots and backslashes", { "a.b": when, "c\\d": { "e.f\\": undefined } }],
  ["an empty key", { "": when, x: { "": undefined } }],
  ["special numbers", { nan: NaN, inf: Infinity, ninf: -Infinity, nzero: -0, one: 1 }],
  ["bigint", { big: 12345678901234567890n }],
  ["arrays at the root", [when, undefined, 1, [when]]],
];

/** superjson's output without the identity annotations we don't write (see wire-codec.ts). */
function superjsonWithoutIdentities(value: unknown) {
  const { json, meta } = superjson.serialize(value);
  if (!meta) return { json };
  const { referentialEqualities: _ignored, ...rest } = meta;
  return rest.values ? { json, meta: rest } : { json };
}

describe("wire codec (browser side of the superjson format)", () => {
  it.each(inputs)("serializes %s exactly as superjson does", (_label, value) => {
    expect(serialize(value)).toEqual(superjsonWithoutIdentities(value));
    expect(superjson.deserialize(serialize(value) as Parameters<typeof superjson.deserialize>[0])).toEqual(value);
  });

  const outputs: Array<[string, unknown]> = [
    ...inputs,
    ["a set and a map with dates inside", { s: new Set([when, 1]), m: new Map<unknown, unknown>([["k", when], [when, { at: when }]]) }],
    ["a regexp, a URL and an error", { r: /a.b/gi, u: new URL("https://example.com/x?y=1"), e: Object.assign(new Error("boom"), { name: "TypeError" }) }],
    ["nested maps", new Map([["outer", new Map([["inner", when]])]])],
  ];
  it.each(outputs)("deserializes %s as superjson does", (_label, value) => {
    const wire = JSON.parse(JSON.stringify(superjson.serialize(value))) as WireEnvelope;
    const ours = deserialize(wire);
    const theirs = superjson.deserialize(JSON.parse(JSON.stringify(superjson.serialize(value))));
    expect(ours).toEqual(theirs);
  });

  it("keeps every copy of an object that appears twice (superjson writes both in full)", () => {
    const shared = { at: when };
    const wire = JSON.parse(JSON.stringify(superjson.serialize({ a: shared, b: shared }))) as WireEnvelope;
    expect(wire.meta?.referentialEqualities).toBeDefined();
    expect(deserialize(wire)).toEqual({ a: { at: when }, b: { at: when } });
  });

  it("leaves the payload it was given untouched", () => {
    const wire = JSON.parse(JSON.stringify(superjson.serialize({ at: when }))) as WireEnvelope;
    const before = JSON.stringify(wire);
    deserialize(wire);
    expect(JSON.stringify(wire)).toBe(before);
  });

  it("refuses inputs it can't write the way the server reads them", () => {
    expect(() => serialize({ m: new Map() })).toThrow(/Map/);
    expect(() => serialize({ s: new Set([1]) })).toThrow(/Set/);
  });

  it("refuses annotations it doesn't know instead of returning the wrong value", () => {
    expect(() => deserialize({ json: { x: 1 }, meta: { values: { x: [["class", "Point"]] }, v: 1 } })).toThrow(/Unsupported/);
  });
});
