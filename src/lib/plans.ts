/**
 * The plan notion billing will build on: a `plan` column on workspaces and these limits.
 * Pure data, so the API, the dashboard and (later) billing read the same numbers.
 */
export const PLAN_IDS = ["free", "pro"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export type Plan = {
  id: PlanId;
  name: string;
  /** API requests per workspace per calendar month (UTC). */
  monthlyApiRequests: number;
  /** Per-key limit when a key sets none of its own. */
  defaultRequestsPerMinute: number;
};

export const PLANS: Record<PlanId, Plan> = {
  free: { id: "free", name: "Free", monthlyApiRequests: 10_000, defaultRequestsPerMinute: 600 },
  pro: { id: "pro", name: "Pro", monthlyApiRequests: 1_000_000, defaultRequestsPerMinute: 6_000 },
};

/** First day (UTC) of the billing period containing `at`, as YYYY-MM-DD. */
export function billingPeriodStart(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

export function nextBillingPeriodStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}
