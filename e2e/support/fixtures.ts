import fs from "node:fs";
import { test as base, type BrowserContext } from "@playwright/test";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../src/server/db/schema";
import { createUser, createWorkspaceWithMembers, FACTORY_PASSWORD } from "../../src/server/db/factories";
import { createRandom } from "../../src/lib/random";
import { generateToken, hashToken } from "../../src/server/auth/tokens";
import { claimSeedWithNewName } from "./user-seeds";

/**
 * Direct access to the e2e server's database, for arranging data the way the seeder and
 * integration tests do (same factories). Only the test that covers the sign-in form signs in
 * through the form; the others get a session row and its cookie.
 */
function connect(dbUrlFile: string) {
  const url = fs.readFileSync(dbUrlFile, "utf8").trim();
  const client = postgres(url, { max: 2, onnotice: () => {} });
  return { db: drizzle({ client, schema }), close: () => client.end() };
}

/** Per project (playwright.config.ts): which e2e server's database URL file to read. */
export type E2eOptions = { dbUrlFile: string };
export type E2eDb = ReturnType<typeof connect>["db"];

type Fixtures = {
  db: ReturnType<typeof connect>["db"];
  makeUser: (overrides?: Partial<typeof schema.users.$inferInsert>) => Promise<typeof schema.users.$inferSelect & { password: string; workspaceSlug: string }>;
  signInAs: (context: BrowserContext, userId: string) => Promise<void>;
};

// Workers start within milliseconds of each other: without a per-worker range, two of them walk
// the same seeds and make users with the same (seeded) ids.
let seed = Number(process.env.TEST_PARALLEL_INDEX ?? 0) * 10_000_000 + (Date.now() % 1_000_000);

export const test = base.extend<Fixtures & E2eOptions>({
  dbUrlFile: [process.env.E2E_DB_URL_FILE!, { option: true }],
  db: async ({ dbUrlFile }, use) => {
    const { db, close } = connect(dbUrlFile);
    await use(db);
    await close();
  },
  makeUser: async ({ db }, use) => {
    const names = new Set<string>();
    await use(async (overrides = {}) => {
      seed = claimSeedWithNewName(seed, names);
      const random = createRandom(seed);
      const user = await createUser(db, random, overrides);
      const workspace = await createWorkspaceWithMembers(db, random, { owner: user, personal: true, name: `${user.displayName}'s workspace` });
      return { ...user, password: FACTORY_PASSWORD, workspaceSlug: workspace.slug };
    });
  },
  signInAs: async ({ db, baseURL }, use) => {
    await use(async (context, userId) => {
      const token = generateToken();
      await db.insert(schema.sessions).values({ id: hashToken(token), userId, expiresAt: new Date(Date.now() + 86_400_000), twoFactorVerified: true, userAgent: "playwright", ip: "127.0.0.1" });
      await context.addCookies([{ name: "gw_session", value: token, url: baseURL!, httpOnly: true, sameSite: "Lax" }]);
    });
  },
});

export { expect } from "@playwright/test";
