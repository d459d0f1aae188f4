import "server-only";
import { overageLookupKey, priceLookupKey, type BillingInterval, type PaidPlanId } from "@/lib/plans";
import type { DbOrTx } from "@/server/db/client";
import { selectPriceIds } from "./price-queries";
import { syncCatalogue } from "./sync-catalogue";

/** The gateway price ids for a plan and interval; syncs the catalogue first if they're unknown. */
export async function pricesFor(db: DbOrTx, plan: PaidPlanId, interval: BillingInterval): Promise<{ planPrice: string; overagePrice: string }> {
  const keys = [priceLookupKey(plan, interval), overageLookupKey(plan, interval)];
  let ids = await selectPriceIds(db, keys);
  if (keys.some((k) => !ids.has(k))) ids = new Map(Object.entries((await syncCatalogue(db)).prices));
  return { planPrice: ids.get(keys[0]!)!, overagePrice: ids.get(keys[1]!)! };
}
