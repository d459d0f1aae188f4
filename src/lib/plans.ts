/**
 * The one source of plans: prices, included API requests, overage and limits. Read by the
 * pricing and billing pages, the API quota, entitlement checks, staff views, the seeder and the
 * product/price sync that creates the gateway's catalogue from it (lookup keys below).
 */
export const PLAN_IDS = ["free", "pro", "team"] as const;
export type PlanId = (typeof PLAN_IDS)[number];
export const PAID_PLAN_IDS = ["pro", "team"] as const;
export type PaidPlanId = (typeof PAID_PLAN_IDS)[number];
export const BILLING_INTERVALS = ["month", "year"] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

export type Plan = {
  id: PlanId;
  name: string;
  tagline: string;
  /** API requests per workspace per calendar month (UTC) included in the price. */
  monthlyApiRequests: number;
  /** Per-key limit when a key sets none of its own. */
  defaultRequestsPerMinute: number;
  /** Price in cents per interval (per seat when `perSeat`); null for Free. */
  price: Record<BillingInterval, number> | null;
  perSeat: boolean;
  /** Cents per 1,000 requests past the included amount; null = a hard stop (Free). */
  overageCentsPer1000: number | null;
  /** null = unlimited. Team's member limit is its seat count. */
  limits: { members: number | null; boards: number | null };
  highlights: string[];
};

export const PLANS: Record<PlanId, Plan> = {
  free: {
    id: "free",
    name: "Free",
    tagline: "For trying Groundwork with a small team.",
    monthlyApiRequests: 10_000,
    defaultRequestsPerMinute: 600,
    price: null,
    perSeat: false,
    overageCentsPer1000: null,
    limits: { members: 3, boards: 1 },
    highlights: ["3 members", "1 feedback board", "10,000 API requests a month, then a hard stop"],
  },
  pro: {
    id: "pro",
    name: "Pro",
    tagline: "For a growing product with a public roadmap.",
    monthlyApiRequests: 1_000_000,
    defaultRequestsPerMinute: 6_000,
    price: { month: 2_900, year: 29_000 },
    perSeat: false,
    overageCentsPer1000: 50,
    limits: { members: 10, boards: 10 },
    highlights: ["10 members", "10 feedback boards", "1,000,000 API requests a month", "$0.50 per 1,000 requests past that"],
  },
  team: {
    id: "team",
    name: "Team",
    tagline: "For whole companies, priced per seat.",
    monthlyApiRequests: 5_000_000,
    defaultRequestsPerMinute: 20_000,
    price: { month: 1_200, year: 12_000 },
    perSeat: true,
    overageCentsPer1000: 40,
    limits: { members: null, boards: null },
    highlights: ["Members up to your seat count", "Unlimited feedback boards", "5,000,000 API requests a month", "$0.40 per 1,000 requests past that"],
  },
};

export const isPaidPlan = (plan: PlanId): plan is PaidPlanId => plan !== "free";

/** The gateway's price lookup keys, created by the catalogue sync and used to find prices by name. */
export const priceLookupKey = (plan: PaidPlanId, interval: BillingInterval) => `groundwork_${plan}_${interval}`;
export const overageLookupKey = (plan: PaidPlanId, interval: BillingInterval) => `groundwork_${plan}_api_overage_${interval}`;
/** The plan and interval a licensed price's lookup key names, or null for any other price. */
export function parsePriceLookupKey(key: string | null | undefined): { plan: PaidPlanId; interval: BillingInterval } | null {
  const match = /^groundwork_(pro|team)_(month|year)$/.exec(key ?? "");
  return match ? { plan: match[1] as PaidPlanId, interval: match[2] as BillingInterval } : null;
}
/** The Billing Meter API overage is reported to (`billing.meterEvents.create({ event_name })`). */
export const API_METER_EVENT = "groundwork_api_requests";

/** What a workspace may do, from its effective plan (the plan its subscription status allows). */
export type Entitlements = {
  plan: PlanId;
  members: number | null;
  boards: number | null;
  includedApiRequests: number;
  /** Free refuses past the included requests; paid plans bill the overage. */
  apiOverage: boolean;
};

export function entitlementsFor(plan: PlanId, seats: number | null = null): Entitlements {
  const p = PLANS[plan];
  return {
    plan,
    members: p.perSeat ? Math.max(1, seats ?? 1) : p.limits.members,
    boards: p.limits.boards,
    includedApiRequests: p.monthlyApiRequests,
    apiOverage: p.overageCentsPer1000 !== null,
  };
}

/** Subscription statuses under which the paid plan applies (past_due: during the grace period only). */
export const ENTITLED_STATUSES = ["active", "trialing", "past_due"] as const;

/** Cents → "$29" / "$12.50". */
export function formatCents(cents: number, currency = "usd"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase(), minimumFractionDigits: cents % 100 === 0 ? 0 : 2 }).format(cents / 100);
}

/** First day (UTC) of the billing period containing `at`, as YYYY-MM-DD. */
export function billingPeriodStart(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

export function nextBillingPeriodStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

export type BillingPeriod = { start: string; next: Date; startMs: number };
let lastPeriod: BillingPeriod | null = null;

/**
 * The billing period containing `at`: its first day and the next period's start. The metered
 * request path asks on every request, so the last answer is kept until `at` leaves it.
 */
export function billingPeriodOf(at: Date): Readonly<BillingPeriod> {
  const t = at.getTime();
  if (lastPeriod && t >= lastPeriod.startMs && t < lastPeriod.next.getTime()) return lastPeriod;
  const startMs = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
  return (lastPeriod = { start: billingPeriodStart(at), next: nextBillingPeriodStart(at), startMs });
}
