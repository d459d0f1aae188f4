/**
 * The one place test data and demo data are made. Deterministic: pass the same `Random`
 * (seeded) and get the same rows, ids included, on every machine. Used by the seeder,
 * integration tests and Playwright fixtures.
 */
import { uuidv7 } from "@/lib/ids";
import { createRandom, type Random } from "@/lib/random";
import { hash } from "@node-rs/argon2";
import type { DbOrTx } from "./client";
import { diagnosticPings, memberships, users, workspaces, type WorkspaceRole } from "./schema";

/** Seeded UUIDv7 at a fixed instant: stable ids for stable fixtures. */
export function seededId(random: Random, at: Date): string {
  return uuidv7(at.getTime(), (bytes) => bytes.forEach((_, i) => (bytes[i] = random.int(0, 255))));
}

const PING_LABELS = ["First boot", "Deploy check", "Smoke test", "Migration verified", "Backup restored", "Failover drill"];

export function buildPing(random: Random, overrides: Partial<typeof diagnosticPings.$inferInsert> = {}) {
  const createdAt = overrides.createdAt ?? new Date(Date.UTC(2026, 0, 1) + random.int(0, 86_400_000 * 30));
  return {
    id: seededId(random, createdAt),
    label: `${random.pick(PING_LABELS)} #${random.int(1, 999)}`,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  } satisfies typeof diagnosticPings.$inferInsert;
}

export async function createPing(db: DbOrTx, random: Random = createRandom(1), overrides = {}) {
  const [row] = await db.insert(diagnosticPings).values(buildPing(random, overrides)).returning();
  return row!;
}

const FIRST = ["Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Ken", "Radia", "Tim", "Margaret"];
const LAST = ["Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Allen", "Thompson", "Perlman", "Berners-Lee", "Hamilton"];

/** Every factory-made user has this password (demo logins and tests sign in with it). */
export const FACTORY_PASSWORD = "correct horse battery staple";
// Cheap argon2 parameters: factories make many users; real sign-ups use server/auth/password.
let factoryHash: Promise<string> | null = null;
const factoryPasswordHash = () => (factoryHash ??= hash(FACTORY_PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 }));

export async function buildUser(random: Random, overrides: Partial<typeof users.$inferInsert> = {}) {
  const first = random.pick(FIRST);
  const last = random.pick(LAST);
  const createdAt = overrides.createdAt ?? new Date(Date.UTC(2026, 0, 1) + random.int(0, 86_400_000 * 30));
  return {
    id: seededId(random, createdAt),
    email: `${first}.${last}.${random.int(1000, 9999)}@example.test`.toLowerCase(),
    displayName: `${first} ${last}`,
    passwordHash: await factoryPasswordHash(),
    emailVerifiedAt: createdAt,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  } satisfies typeof users.$inferInsert;
}

export async function createUser(db: DbOrTx, random: Random, overrides: Partial<typeof users.$inferInsert> = {}) {
  const [row] = await db.insert(users).values(await buildUser(random, overrides)).returning();
  return row!;
}

/** A workspace with `owner` as owner (and any extra members), in one transaction-safe batch. */
export async function createWorkspaceWithMembers(
  db: DbOrTx,
  random: Random,
  opts: { owner: { id: string }; members?: Array<{ user: { id: string }; role: WorkspaceRole }>; name?: string; personal?: boolean },
) {
  const name = opts.name ?? `${random.pick(LAST)} ${random.pick(["Labs", "Studio", "Works", "Collective"])}`;
  const createdAt = new Date(Date.UTC(2026, 0, 1) + random.int(0, 86_400_000 * 30));
  const id = seededId(random, createdAt);
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${id.slice(-6)}`;
  return db.transaction(async (tx) => {
    const [workspace] = await tx.insert(workspaces).values({ id, name, slug, personal: opts.personal ?? false, createdAt, updatedAt: createdAt }).returning();
    await tx.insert(memberships).values([
      { workspaceId: id, userId: opts.owner.id, role: "owner" as const },
      ...(opts.members ?? []).map((m) => ({ workspaceId: id, userId: m.user.id, role: m.role })),
    ]);
    return workspace!;
  });
}
