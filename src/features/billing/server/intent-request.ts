import type { BillingInterval, PaidPlanId } from "@/lib/plans";

/** Everything needed to repeat an intent's gateway call exactly (stored as the row's `request`). */
export type IntentRequest =
  | { kind: "checkout"; customerId: string; plan: PaidPlanId; interval: BillingInterval; seats: number; planPrice: string; overagePrice: string; successUrl: string; cancelUrl: string }
  | { kind: "change_subscription"; subscriptionId: string; plan: PaidPlanId; interval: BillingInterval; seats: number; items: { id?: string; price: string; quantity?: number; deleted?: boolean }[]; prorationDate: number }
  | { kind: "cancel"; subscriptionId: string }
  | { kind: "resume"; subscriptionId: string }
  | { kind: "credit_grant"; customerId: string; amountCents: number; reason: string; grantId: string }
  | { kind: "usage_report"; customerId: string; value: number; periodStart: string; timestamp: number };
