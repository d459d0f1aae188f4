import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { BILLING_INTERVALS, PAID_PLAN_IDS } from "@/lib/plans";
import { createdAt, id, timestamps } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** The gateway customer that pays for a workspace (one per workspace, created at first checkout). */
export const billingCustomers = pgTable(
  "billing_customers",
  {
    workspaceId: uuid("workspace_id").primaryKey().references(() => workspaces.id, { onDelete: "cascade" }),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex("billing_customers_stripe_customer_id_unique").on(t.stripeCustomerId)],
);

export const SUBSCRIPTION_STATUSES = ["incomplete", "incomplete_expired", "trialing", "active", "past_due", "canceled", "unpaid", "paused"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/**
 * The workspace's subscription as the gateway last said it is. Written only by the sync, which
 * re-reads it from the gateway under a per-workspace lock, so the newest read always wins.
 */
export const billingSubscriptions = pgTable(
  "billing_subscriptions",
  {
    workspaceId: uuid("workspace_id").primaryKey().references(() => workspaces.id, { onDelete: "cascade" }),
    stripeSubscriptionId: text("stripe_subscription_id").notNull(),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    plan: text("plan", { enum: PAID_PLAN_IDS }).notNull(),
    interval: text("interval", { enum: BILLING_INTERVALS }).notNull(),
    status: text("status", { enum: SUBSCRIPTION_STATUSES }).notNull(),
    seats: integer("seats").notNull(),
    /** The subscription item carrying the plan's price (changed on plan/seat changes). */
    planItemId: text("plan_item_id").notNull(),
    /** The metered overage item, when the subscription has one (its price follows the interval). */
    overageItemId: text("overage_item_id"),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    currentPeriodStart: at("current_period_start"),
    currentPeriodEnd: at("current_period_end"),
    latestInvoiceId: text("latest_invoice_id"),
    paymentMethodBrand: text("payment_method_brand"),
    paymentMethodLast4: text("payment_method_last4"),
    /** Set when the subscription went past_due; the paid plan applies until then. */
    graceEndsAt: at("grace_ends_at"),
    syncedAt: at("synced_at").notNull().defaultNow(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("billing_subscriptions_stripe_subscription_id_unique").on(t.stripeSubscriptionId),
    index("billing_subscriptions_status_grace_idx").on(t.status, t.graceEndsAt),
    check("billing_subscriptions_seats_positive", sql`${t.seats} > 0`),
  ],
);

export const BILLING_INTENT_KINDS = ["checkout", "change_subscription", "cancel", "resume", "credit_grant", "usage_report"] as const;
export type BillingIntentKind = (typeof BILLING_INTENT_KINDS)[number];
export const BILLING_INTENT_STATUSES = ["pending", "succeeded", "failed"] as const;
export type BillingIntentStatus = (typeof BILLING_INTENT_STATUSES)[number];

/**
 * Write-ahead log of every gateway call that changes money or a subscription: committed before
 * the call, its id sent as the call's Idempotency-Key, settled after. A pending row older than
 * a moment is a call whose outcome we don't know; the reconciler asks the gateway again with the
 * same key (the gateway answers the original result, never charging twice).
 */
export const billingIntents = pgTable(
  "billing_intents",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: BILLING_INTENT_KINDS }).notNull(),
    status: text("status", { enum: BILLING_INTENT_STATUSES }).notNull().default("pending"),
    /** Everything needed to repeat the call exactly. */
    request: jsonb("request").notNull(),
    result: jsonb("result"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    settledAt: at("settled_at"),
    ...timestamps(),
  },
  (t) => [
    index("billing_intents_workspace_id_id_idx").on(t.workspaceId, t.id),
    index("billing_intents_pending_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("billing_intents_actor_user_id_idx").on(t.actorUserId),
    // One subscription change in flight per workspace: a second click while the first is unsettled is refused.
    uniqueIndex("billing_intents_one_pending_change").on(t.workspaceId).where(sql`${t.status} = 'pending' and ${t.kind} in ('change_subscription', 'cancel', 'resume')`),
    check("billing_intents_kind_valid", sql`${t.kind} in ('checkout', 'change_subscription', 'cancel', 'resume', 'credit_grant', 'usage_report')`),
    check("billing_intents_status_valid", sql`${t.status} in ('pending', 'succeeded', 'failed')`),
  ],
);

export const WEBHOOK_EVENT_STATUSES = ["received", "processed", "ignored", "failed"] as const;

/** Every webhook event accepted, once: the primary key is the gateway's event id. */
export const billingWebhookEvents = pgTable(
  "billing_webhook_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    /** When the gateway created the event (its `created`), not when it reached us. */
    eventCreatedAt: at("event_created_at").notNull(),
    livemode: boolean("livemode").notNull().default(false),
    stripeCustomerId: text("stripe_customer_id"),
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "set null" }),
    status: text("status", { enum: WEBHOOK_EVENT_STATUSES }).notNull().default("received"),
    payload: jsonb("payload").notNull(),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    receivedAt: createdAt(),
    processedAt: at("processed_at"),
  },
  (t) => [
    index("billing_webhook_events_workspace_id_idx").on(t.workspaceId, t.receivedAt),
    index("billing_webhook_events_unprocessed_idx").on(t.receivedAt).where(sql`${t.status} = 'received'`),
    check("billing_webhook_events_status_valid", sql`${t.status} in ('received', 'processed', 'ignored', 'failed')`),
  ],
);

/** Credit a staff member granted (a negative customer balance at the gateway), through an intent. */
export const billingCreditGrants = pgTable(
  "billing_credit_grants",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    intentId: uuid("intent_id").notNull().references(() => billingIntents.id, { onDelete: "cascade" }),
    amountCents: integer("amount_cents").notNull(),
    reason: text("reason").notNull(),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    stripeBalanceTransactionId: text("stripe_balance_transaction_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("billing_credit_grants_intent_id_unique").on(t.intentId),
    index("billing_credit_grants_workspace_id_idx").on(t.workspaceId),
    index("billing_credit_grants_granted_by_idx").on(t.grantedBy),
    check("billing_credit_grants_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

/**
 * Per workspace and usage period: how much overage has been reported to the meter and which
 * usage warnings were sent (each once per period).
 */
export const billingUsagePeriods = pgTable(
  "billing_usage_periods",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    reportedOverage: bigint("reported_overage", { mode: "number" }).notNull().default(0),
    warned80At: at("warned_80_at"),
    warned100At: at("warned_100_at"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.periodStart] })],
);

/** When the gateway catalogue was last synced from src/lib/plans.ts, and the price ids it has. */
export const billingPrices = pgTable("billing_prices", {
  lookupKey: text("lookup_key").primaryKey(),
  stripePriceId: text("stripe_price_id").notNull(),
  syncedAt: at("synced_at").notNull().defaultNow(),
});
