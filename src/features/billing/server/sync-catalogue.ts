import "server-only";
import type Stripe from "stripe";
import { API_METER_EVENT, BILLING_INTERVALS, overageLookupKey, PAID_PLAN_IDS, PLANS, priceLookupKey, type BillingInterval, type PaidPlanId } from "@/lib/plans";
import type { DbOrTx } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { gateway } from "./gateway";
import { upsertPriceIds } from "./price-queries";

type Wanted = { lookupKey: string; plan: PaidPlanId; interval: BillingInterval; metered: boolean };

const wanted = (): Wanted[] =>
  PAID_PLAN_IDS.flatMap((plan) =>
    BILLING_INTERVALS.flatMap((interval) => [
      { lookupKey: priceLookupKey(plan, interval), plan, interval, metered: false },
      { lookupKey: overageLookupKey(plan, interval), plan, interval, metered: true },
    ]),
  );

/**
 * Makes the gateway's catalogue match src/lib/plans.ts: a product per paid plan, a licensed
 * price per plan and interval, a metered overage price on the API meter, each found by lookup
 * key. Idempotent: what exists is left alone (a price's amount never changes in place — a new
 * amount needs a new lookup key version, as Stripe prices are immutable). Runs at start and
 * whenever an operation finds a price id missing.
 */
export async function syncCatalogue(db: DbOrTx): Promise<{ created: string[]; prices: Record<string, string> }> {
  const stripe = gateway();
  const all = wanted();
  const existing = await stripe.prices.list({ lookup_keys: all.map((w) => w.lookupKey), active: true, limit: 100 });
  const found = new Map(existing.data.map((p) => [p.lookup_key!, p.id]));
  const created: string[] = [];
  let meterId: string | null = null;
  for (const item of all) {
    if (found.has(item.lookupKey)) continue;
    const product = await ensureProduct(stripe, item.plan);
    const plan = PLANS[item.plan];
    let price: Stripe.Price;
    if (item.metered) {
      meterId ??= await ensureMeter(stripe);
      price = await stripe.prices.create(
        {
          product,
          currency: "usd",
          lookup_key: item.lookupKey,
          nickname: `${plan.name} API overage (${item.interval}ly)`,
          recurring: { interval: item.interval, usage_type: "metered", meter: meterId },
          // Cents per request, from cents per 1,000 (Stripe accepts up to 12 decimals).
          unit_amount_decimal: stripe.Decimal.from(String(plan.overageCentsPer1000! / 1000)),
        },
        { idempotencyKey: `catalogue-${item.lookupKey}-v1` },
      );
    } else {
      price = await stripe.prices.create(
        {
          product,
          currency: "usd",
          lookup_key: item.lookupKey,
          nickname: `${plan.name} ${item.interval}ly${plan.perSeat ? " per seat" : ""}`,
          recurring: { interval: item.interval, usage_type: "licensed" },
          unit_amount: plan.price![item.interval],
        },
        { idempotencyKey: `catalogue-${item.lookupKey}-v1` },
      );
    }
    found.set(item.lookupKey, price.id);
    created.push(item.lookupKey);
  }
  const prices = Object.fromEntries(found);
  await upsertPriceIds(db, prices);
  return { created, prices };
}

async function ensureProduct(stripe: Stripe, plan: PaidPlanId): Promise<string> {
  const id = `groundwork_${plan}`;
  try {
    return (await stripe.products.retrieve(id)).id;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
  const created = await stripe.products.create({ id, name: `Groundwork ${PLANS[plan].name}`, metadata: { plan } }, { idempotencyKey: `catalogue-product-${plan}-v1` });
  return created.id;
}

async function ensureMeter(stripe: Stripe): Promise<string> {
  const meters = await stripe.billing.meters.list({ status: "active", limit: 100 });
  const meter = meters.data.find((m) => m.event_name === API_METER_EVENT);
  if (meter) return meter.id;
  const created = await stripe.billing.meters.create(
    {
      display_name: "API requests past the included amount",
      event_name: API_METER_EVENT,
      default_aggregation: { formula: "sum" },
      customer_mapping: { type: "by_id", event_payload_key: "stripe_customer_id" },
      value_settings: { event_payload_key: "value" },
    },
    { idempotencyKey: `catalogue-meter-${API_METER_EVENT}-v1` },
  );
  return created.id;
}

/** At boot, in the background: a gateway that isn't up yet is fine, the first checkout syncs on demand. */
export function syncCatalogueAtStart(db: DbOrTx): void {
  syncCatalogue(db).then(
    (r) => logger.info({ created: r.created }, "billing catalogue in sync with src/lib/plans.ts"),
    (error: unknown) => logger.warn({ err: error }, "billing catalogue sync failed at start; it runs again on the first checkout"),
  );
}
