import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { billingPrices } from "@/server/db/schema";

export async function upsertPriceIds(db: DbOrTx, prices: Record<string, string>): Promise<void> {
  const rows = Object.entries(prices).map(([lookupKey, stripePriceId]) => ({ lookupKey, stripePriceId }));
  if (rows.length === 0) return;
  await db
    .insert(billingPrices)
    .values(rows)
    .onConflictDoUpdate({ target: billingPrices.lookupKey, set: { stripePriceId: sql`excluded.stripe_price_id`, syncedAt: sql`now()` } });
}

export async function selectPriceIds(db: DbOrTx, lookupKeys: string[]): Promise<Map<string, string>> {
  const rows = await db.select().from(billingPrices).where(inArray(billingPrices.lookupKey, lookupKeys));
  return new Map(rows.map((r) => [r.lookupKey, r.stripePriceId]));
}
