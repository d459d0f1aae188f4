import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import { buildUser, pickName } from "@/server/db/factories";
import { claimSeedWithNewName } from "../../e2e/support/user-seeds";

const nameOf = (seed: number) => pickName(createRandom(seed)).displayName;

/** The first seed from which two consecutive seeds make users with the same name. */
function seedBeforeTwins(): number {
  let seed = 0;
  while (nameOf(seed + 1) !== nameOf(seed + 2)) seed += 1;
  return seed;
}

describe("factory user names", () => {
  it("pickName gives the name buildUser gives for the same seed", async () => {
    for (const seed of [1, 2, 3, 12_345]) expect((await buildUser(createRandom(seed))).displayName).toBe(nameOf(seed));
  });

  it("a seed whose user would share a name with one already made in the test is skipped", () => {
    // The e2e makeUser used to take the next seed: an owner and admin both named "Tim Dijkstra"
    // made the admin's row impossible to tell from the owner's by name.
    const start = seedBeforeTwins();
    const names = new Set<string>();
    const first = claimSeedWithNewName(start, names);
    const second = claimSeedWithNewName(first, names);
    expect(first).toBe(start + 1);
    expect(second).toBeGreaterThan(start + 2);
    expect(nameOf(second)).not.toBe(nameOf(first));
    expect(names).toEqual(new Set([nameOf(first), nameOf(second)]));
  });

  it("many users in one test all get different names", () => {
    const names = new Set<string>();
    let seed = 0;
    const seeds = Array.from({ length: 30 }, () => (seed = claimSeedWithNewName(seed, names)));
    expect(new Set(seeds.map(nameOf)).size).toBe(30);
  });
});
