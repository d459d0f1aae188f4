import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { createRandom } from "../../src/lib/random";
import { generateToken, hashToken } from "../../src/server/auth/tokens";
import { createUser, createWorkspaceWithMembers } from "../../src/server/db/factories";
import * as schema from "../../src/server/db/schema";
import { cookieName } from "../../src/server/http/cookie-names";

type BenchDb = ReturnType<typeof drizzle<typeof schema>>;

/**
 * The page benches' signed-in visitor: a staff admin (so staff pages render) with a personal and
 * a team workspace and a session, on the server's database. `extra` adds what a bench needs
 * beside them (boards, invites) before the connection closes. Fixed seed: every run arranges the same.
 */
export async function arrangeBenchAdmin<T = undefined>(
  databaseUrl: string,
  extra?: (db: BenchDb, ctx: { user: Awaited<ReturnType<typeof createUser>>; team: Awaited<ReturnType<typeof createWorkspaceWithMembers>>; random: ReturnType<typeof createRandom> }) => Promise<T>,
) {
  const client = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  try {
    const db = drizzle({ client, schema });
    const random = createRandom(41);
    const user = await createUser(db, random, { staffRole: "admin", emailVerifiedAt: new Date() });
    await createWorkspaceWithMembers(db, random, { owner: user, personal: true, name: "Bench personal" });
    const team = await createWorkspaceWithMembers(db, random, { owner: user, name: "Bench team" });
    const token = generateToken();
    await db.insert(schema.sessions).values({ id: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + 86_400_000), twoFactorVerified: true, userAgent: "bench", ip: "127.0.0.1" });
    const more = extra ? await extra(db, { user, team, random }) : (undefined as T);
    // The servers the benches start serve plain http: the cookie has no __Host- prefix.
    return { user, team, cookie: `${cookieName("session", false)}=${token}`, more };
  } finally {
    await client.end();
  }
}
