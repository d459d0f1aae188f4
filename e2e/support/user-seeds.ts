import { createRandom } from "../../src/lib/random";
import { pickName } from "../../src/server/db/factories";

/**
 * The first seed after `seed` whose factory user is named like no one in `taken`; that name is
 * added to `taken`. Factory names pair 10 first with 10 last names, so two users made one after
 * the other share a name about once in a hundred, and a test that finds a person's row by name
 * then finds two. Synchronous, so users made concurrently still get distinct seeds and names.
 */
export function claimSeedWithNewName(seed: number, taken: Set<string>): number {
  // Bounded: the factory has 100 names, so a test asking for a 101st distinct one would loop forever.
  for (let next = seed + 1; next <= seed + 10_000; next += 1) {
    const { displayName } = pickName(createRandom(next));
    if (!taken.has(displayName)) {
      taken.add(displayName);
      return next;
    }
  }
  throw new Error(`makeUser: no factory name left that this test hasn't used (${taken.size} taken)`);
}
