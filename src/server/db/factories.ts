/**
 * The one place test data and demo data are made. Deterministic: pass the same `Random`
 * (seeded) and get the same rows, ids included, on every machine. Used by the seeder,
 * integration tests and Playwright fixtures.
 */
import { uuidv7 } from "@/lib/ids";
import { createRandom, type Random } from "@/lib/random";
import type { DbOrTx } from "./client";
import { diagnosticPings } from "./schema";

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
