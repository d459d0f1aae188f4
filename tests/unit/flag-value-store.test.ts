import { describe, expect, it } from "vitest";
import { FlagValueStore } from "@/lib/flags/use-flag";

describe("FlagValueStore (the browser's hydrated flag values)", () => {
  it("serves the hydrated value, and the fallback for a missing flag or one of another type", () => {
    const store = new FlagValueStore({ "boards.trending-sort": { value: false }, "boards.default-sort": { value: 3 } });
    expect(store.read("boards.trending-sort", true)).toBe(false);
    expect(store.read("feedback.similar-posts", true)).toBe(true);
    expect(store.read("boards.default-sort", "top")).toBe("top");
  });

  it("notifies only when a value changes, and keeps unchanged values' identity", () => {
    const json = { limits: [1, 2] };
    const store = new FlagValueStore({ a: { value: true }, b: { value: json } });
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    expect(store.update({ a: { value: true }, b: { value: { limits: [1, 2] } } })).toEqual([]);
    expect(calls).toBe(0);
    expect(store.update({ a: { value: false }, b: { value: { limits: [1, 2] } } })).toEqual(["a"]);
    expect(calls).toBe(1);
    expect(store.read("a", true)).toBe(false);
    expect(store.read("b", {})).toBe(json);
    expect(store.update({ b: { value: { limits: [3] } } })).toEqual(["a", "b"]);
    expect(store.read("a", true)).toBe(true);
    expect(store.read("b", {})).toEqual({ limits: [3] });
    unsubscribe();
    store.update({ a: { value: false } });
    expect(calls).toBe(2);
  });
});
