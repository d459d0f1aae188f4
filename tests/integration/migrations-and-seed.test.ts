import { expect, it } from "vitest";
import { count } from "drizzle-orm";
import { db } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { diagnosticPings } from "@/server/db/schema";
import { seedDatabase } from "@/server/db/seed";

it("migrating again, twice at once, is a no-op", async () => {
  const results = await Promise.all([migrateDatabase(process.env.DATABASE_URL!), migrateDatabase(process.env.DATABASE_URL!)]);
  expect(results).toEqual([{ applied: 0 }, { applied: 0 }]);
});

it("seeds the same rows every time, and a second seed adds nothing", async () => {
  const first = await seedDatabase(db);
  const ids = (await db.select({ id: diagnosticPings.id }).from(diagnosticPings).orderBy(diagnosticPings.id)).map((r) => r.id);
  const second = await seedDatabase(db);
  expect(first.inserted.diagnosticPings).toBe(5);
  expect(second.inserted.diagnosticPings).toBe(0);
  const [{ n }] = (await db.select({ n: count() }).from(diagnosticPings)) as [{ n: number }];
  expect(n).toBe(5);
  // Fixed seed, fixed timestamps: the same ids on every machine.
  expect(ids[0]).toBe("019b9342-50cc-7780-8912-e04e8ee28adb");
});
