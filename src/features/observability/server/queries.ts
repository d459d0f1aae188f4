import "server-only";
import { desc, lt } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { diagnosticPings } from "@/server/db/schema";

const columns = { id: diagnosticPings.id, label: diagnosticPings.label, createdAt: diagnosticPings.createdAt };

export async function insertPing(db: DbOrTx, values: { label: string }) {
  const [row] = await db.insert(diagnosticPings).values(values).returning(columns);
  return row!;
}

/** Newest first; ids are UUIDv7, so "id <" walks back in time without an offset. */
export async function selectPingsPage(db: DbOrTx, opts: { limit: number; cursor?: string | null }) {
  return db
    .select(columns)
    .from(diagnosticPings)
    .where(opts.cursor ? lt(diagnosticPings.id, opts.cursor) : undefined)
    .orderBy(desc(diagnosticPings.id))
    .limit(opts.limit + 1);
}
