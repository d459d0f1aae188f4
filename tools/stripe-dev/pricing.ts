/** Amounts as Stripe computes them from a price: per unit (with transform_quantity) or tiered. */
import type { Obj } from "./store";

export const isMetered = (price: Obj) => price.recurring?.usage_type === "metered";

function unitAmount(price: Obj): number {
  return price.unit_amount_decimal !== null && price.unit_amount_decimal !== undefined ? Number(price.unit_amount_decimal) : (price.unit_amount ?? 0);
}

/** Cents for `quantity` units of a price (seats for licensed prices, usage for metered ones). */
export function amountFor(price: Obj, quantity: number): number {
  if (price.billing_scheme === "tiered") return tiered(price, quantity);
  let q = quantity;
  if (price.transform_quantity) {
    const divided = q / price.transform_quantity.divide_by;
    q = price.transform_quantity.round === "up" ? Math.ceil(divided) : Math.floor(divided);
  }
  return Math.round(unitAmount(price) * q);
}

function tierUnit(tier: Obj): number {
  return tier.unit_amount_decimal !== null && tier.unit_amount_decimal !== undefined ? Number(tier.unit_amount_decimal) : (tier.unit_amount ?? 0);
}

function tiered(price: Obj, quantity: number): number {
  const tiers = price.tiers as Obj[];
  if (price.tiers_mode === "volume") {
    const tier = tiers.find((t) => t.up_to === null || quantity <= t.up_to) ?? tiers[tiers.length - 1]!;
    return Math.round(tierUnit(tier) * quantity + (tier.flat_amount ?? 0));
  }
  let total = 0;
  let floor = 0;
  for (const tier of tiers) {
    if (quantity <= floor) break;
    const upper = tier.up_to === null ? quantity : Math.min(quantity, tier.up_to);
    total += tierUnit(tier) * (upper - floor) + (tier.flat_amount ?? 0);
    floor = upper;
  }
  return Math.round(total);
}

/** The legacy `plan` a subscription item still carries, derived from its price. */
export function planOf(price: Obj): Obj {
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval,
    interval_count: price.recurring?.interval_count,
    livemode: false,
    metadata: price.metadata,
    meter: price.recurring?.meter ?? null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: price.tiers_mode,
    transform_usage: price.transform_quantity,
    trial_period_days: null,
    usage_type: price.recurring?.usage_type,
  };
}

/** The end of one billing period that starts at `start` (calendar months, like Stripe). */
export function addInterval(start: number, recurring: { interval: string; interval_count: number }): number {
  const d = new Date(start * 1000);
  const n = recurring.interval_count;
  switch (recurring.interval) {
    case "day":
      d.setUTCDate(d.getUTCDate() + n);
      break;
    case "week":
      d.setUTCDate(d.getUTCDate() + 7 * n);
      break;
    case "month":
      d.setUTCMonth(d.getUTCMonth() + n);
      break;
    case "year":
      d.setUTCFullYear(d.getUTCFullYear() + n);
      break;
  }
  return Math.floor(d.getTime() / 1000);
}

export function formatMoney(cents: number, currency = "usd"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}
