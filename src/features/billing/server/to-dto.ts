import "server-only";
import type { BillingOverview } from "../schemas";
import type { SubscriptionRow } from "./subscription-queries";

/** What the billing page and the staff view show of a subscription (no gateway ids). */
export function toSubscriptionDto(sub: SubscriptionRow): NonNullable<BillingOverview["subscription"]> {
  return {
    plan: sub.plan,
    interval: sub.interval,
    status: sub.status,
    seats: sub.seats,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    currentPeriodEnd: sub.currentPeriodEnd,
    graceEndsAt: sub.graceEndsAt,
    paymentMethod: sub.paymentMethodBrand && sub.paymentMethodLast4 ? { brand: sub.paymentMethodBrand, last4: sub.paymentMethodLast4 } : null,
  };
}
