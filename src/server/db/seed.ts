/** Demo data for a fresh install; idempotent (fixed seed → fixed ids → ON CONFLICT DO NOTHING). */
import { createRandom } from "@/lib/random";
import type { DbOrTx } from "./client";
import { buildPing } from "./factories";
import { diagnosticPings } from "./schema";

export const SEED = 20_261_124;

/** Printed by `npm run dev`; the seeder creates exactly these accounts. */
export const DEMO_LOGINS: Array<{ email: string; password: string; role: string }> = [];

export type SeedReport = { inserted: Record<string, number> };

export async function seedDatabase(db: DbOrTx): Promise<SeedReport> {
  const random = createRandom(SEED);
  const pings = Array.from({ length: 5 }, () => buildPing(random));
  const inserted = await db.insert(diagnosticPings).values(pings).onConflictDoNothing().returning({ id: diagnosticPings.id });
  return { inserted: { diagnosticPings: inserted.length } };
}
