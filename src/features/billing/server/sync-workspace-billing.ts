import "server-only";
import type Stripe from "stripe";
import { ENTITLED_STATUSES, parsePriceLookupKey, PLANS, type PlanId } from "@/lib/plans";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import type { SubscriptionStatus } from "@/server/db/schema";
import { workspaceChannel } from "@/server/realtime/channels";
import { publish } from "@/server/realtime/publish";
import { BILLING_EVENTS } from "../schemas";
import { billingEmail } from "./emails";
import { gateway } from "./gateway";
import {
  deleteSubscription,
  lockWorkspaceBilling,
  selectCustomer,
  selectOwnerEmails,
  selectSubscription,
  selectWorkspaceForBilling,
  updateWorkspacePlan,
  upsertSubscription,
  type SubscriptionRow,
} from "./subscription-queries";

export const GRACE_DAYS = 7;
const GRACE_MS = GRACE_DAYS * 24 * 60 * 60 * 1000;
const LIVE_STATUSES = ["active", "trialing", "past_due", "unpaid", "incomplete", "paused"];

export type SyncResult = {
  workspaceId: string;
  plan: PlanId;
  status: SubscriptionStatus | null;
  /** What changed that needs follow-up work (the grace timer, emails already queued). */
  transition: "grace_started" | "recovered" | "downgraded" | null;
  graceEndsAt: Date | null;
};

/** The plan a subscription entitles to: paid while active, and while past_due until the grace period ends. */
export function effectivePlan(sub: Pick<SubscriptionRow, "plan" | "status" | "graceEndsAt"> | null, now: Date): PlanId {
  if (!sub || !(ENTITLED_STATUSES as readonly string[]).includes(sub.status)) return "free";
  if (sub.status === "past_due" && sub.graceEndsAt && sub.graceEndsAt <= now) return "free";
  return sub.plan;
}

/**
 * THE way billing state changes: re-read the workspace's subscription from the gateway and store
 * what it says, holding a per-workspace lock across the read and the write. Whatever order
 * webhooks arrive in, and however often, the newest read is what's stored — order-safe by
 * construction. Updates the workspace's effective plan (NOTIFYing the API key caches), starts or
 * ends the grace period, queues emails, and tells the billing page live.
 */
export async function syncWorkspaceBilling(db: Db, workspaceId: string, now = new Date()): Promise<SyncResult | null> {
  return transactionWithEffects(db, async (tx, effects) => {
    await lockWorkspaceBilling(tx, workspaceId);
    const workspace = await selectWorkspaceForBilling(tx, workspaceId);
    if (!workspace) return null;
    const customer = await selectCustomer(tx, workspaceId);
    const before = await selectSubscription(tx, workspaceId);
    const sub = customer ? pickSubscription(await listSubscriptions(customer.stripeCustomerId)) : null;
    // Dunning runs on the subscription's own time: a test clock moved 32 days ahead is where
    // the payment failed, so the grace period starts (and ends) there, not on the wall clock.
    const at = sub ? await subscriptionNow(sub, now) : now;
    let transition: SyncResult["transition"] = null;
    let stored: SubscriptionRow | null = null;
    if (!sub) {
      if (before) await deleteSubscription(tx, workspaceId);
    } else {
      const row = toRow(workspaceId, sub, before, at);
      await upsertSubscription(tx, row);
      stored = { ...before, ...row } as SubscriptionRow;
      if (row.status === "past_due" && !before?.graceEndsAt) transition = "grace_started";
      if (before?.graceEndsAt && row.graceEndsAt === null && (row.status === "active" || row.status === "trialing")) transition = "recovered";
    }
    const plan = effectivePlan(stored, at);
    const seats = plan !== "free" && PLANS[plan].perSeat ? (stored?.seats ?? 1) : null;
    if (plan !== workspace.plan || seats !== workspace.seats) {
      await updateWorkspacePlan(tx, workspaceId, plan, seats);
      if (plan === "free" && workspace.plan !== "free" && stored?.status === "past_due") transition = "downgraded";
    }
    if (transition) {
      for (const owner of await selectOwnerEmails(tx, workspaceId)) {
        await effects.email(billingEmail(transition, { to: owner.email, workspace, plan: stored?.plan ?? workspace.plan, graceEndsAt: stored?.graceEndsAt ?? null }));
      }
    }
    await publish(workspaceChannel(workspaceId), { type: BILLING_EVENTS.updated, data: { plan, status: stored?.status ?? null } }, tx);
    return { workspaceId, plan, status: stored?.status ?? null, transition, graceEndsAt: stored?.graceEndsAt ?? null };
  });
}

async function listSubscriptions(customerId: string): Promise<Stripe.Subscription[]> {
  const list = await gateway().subscriptions.list({ customer: customerId, status: "all", limit: 20, expand: ["data.default_payment_method"] });
  return list.data;
}

/**
 * "Now" for a subscription: the later of `now` and its test clock's frozen time. A clock only
 * moves a subscription forward; without one (production) this is `now`, with no gateway call.
 */
async function subscriptionNow(sub: Stripe.Subscription, now: Date): Promise<Date> {
  const clockId = typeof sub.test_clock === "string" ? sub.test_clock : (sub.test_clock?.id ?? null);
  if (!clockId) return now;
  const clock = await gateway().testHelpers.testClocks.retrieve(clockId);
  return new Date(Math.max(now.getTime(), clock.frozen_time * 1000));
}

/** The live one (newest first), else none: a canceled subscription leaves the workspace on Free. */
function pickSubscription(subs: Stripe.Subscription[]): Stripe.Subscription | null {
  const live = subs.filter((s) => LIVE_STATUSES.includes(s.status) && s.items.data.some((i) => parsePriceLookupKey(i.price.lookup_key)));
  return live.sort((a, b) => b.created - a.created)[0] ?? null;
}

function toRow(workspaceId: string, sub: Stripe.Subscription, before: SubscriptionRow | null, now: Date): typeof import("@/server/db/schema").billingSubscriptions.$inferInsert {
  const planItem = sub.items.data.find((i) => parsePriceLookupKey(i.price.lookup_key))!;
  const overageItem = sub.items.data.find((i) => i.price.recurring?.usage_type === "metered");
  const { plan, interval } = parsePriceLookupKey(planItem.price.lookup_key)!;
  const pm = typeof sub.default_payment_method === "object" ? sub.default_payment_method : null;
  const periodStart = (planItem as { current_period_start?: number }).current_period_start ?? (sub as unknown as { current_period_start?: number }).current_period_start;
  const periodEnd = (planItem as { current_period_end?: number }).current_period_end ?? (sub as unknown as { current_period_end?: number }).current_period_end;
  const status = sub.status as SubscriptionStatus;
  return {
    workspaceId,
    stripeSubscriptionId: sub.id,
    stripeCustomerId: typeof sub.customer === "string" ? sub.customer : sub.customer.id,
    plan,
    interval,
    status,
    seats: planItem.quantity ?? 1,
    planItemId: planItem.id,
    overageItemId: overageItem?.id ?? null,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    currentPeriodStart: periodStart ? new Date(periodStart * 1000) : null,
    currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
    latestInvoiceId: typeof sub.latest_invoice === "string" ? sub.latest_invoice : (sub.latest_invoice?.id ?? null),
    paymentMethodBrand: pm?.card?.brand ?? before?.paymentMethodBrand ?? null,
    paymentMethodLast4: pm?.card?.last4 ?? before?.paymentMethodLast4 ?? null,
    // The grace clock starts the first time we see past_due and stops when it's paid.
    graceEndsAt: status === "past_due" || status === "unpaid" ? (before?.graceEndsAt ?? new Date(now.getTime() + GRACE_MS)) : null,
  };
}
