import { describe, expect, it } from "vitest";
import { uuidv7, uuidv7Time } from "@/lib/ids";
import { createRandom } from "@/lib/random";

describe("uuidv7", () => {
  it("sorts by creation time and encodes it", () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((t) => uuidv7(t));
    expect([...ids].sort()).toEqual(ids);
    expect(uuidv7Time(ids[2]!).getTime()).toBe(1_800_000_000_000);
  });
  it("sets version 7 and the RFC variant", () => {
    const id = uuidv7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("createRandom", () => {
  it("repeats the same sequence for the same seed", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 5 }, () => a.int(0, 1000))).toEqual(Array.from({ length: 5 }, () => b.int(0, 1000)));
    expect(createRandom(43).next()).not.toBe(createRandom(42).next());
  });
});
