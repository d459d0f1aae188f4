import { z } from "zod";
import { BILLING_INTERVALS, PAID_PLAN_IDS, PLAN_IDS } from "@/lib/plans";

/** Realtime event on `workspace:{id}` after each sync: the billing page refetches. */
export const BILLING_EVENTS = { updated: "billing.updated" } as const;

const slug = z.string({ error: "Workspace is required" }).min(1, "Workspace is required").max(40, "Workspace slug is too long");
const plan = z.enum(PAID_PLAN_IDS, { error: "Plan must be pro or team" });
const interval = z.enum(BILLING_INTERVALS, { error: "Interval must be month or year" });
const seats = z.number({ error: "Seats must be a number" }).int("Seats must be a whole number").min(1, "At least 1 seat").max(500, "At most 500 seats; contact us for more");

export const workspaceSlugInput = z.object({ workspaceSlug: slug });
export const planChoiceInput = z.object({ workspaceSlug: slug, plan, interval, seats: seats.default(1) });
export const changeSubscriptionInput = planChoiceInput.extend({
  /** The preview's proration date, so the charge is the one that was shown. */
  prorationDate: z.number({ error: "Preview the change first" }).int().positive(),
});
export const grantCreditInput = z.object({
  workspaceSlug: slug,
  amountCents: z.number({ error: "Amount must be a number" }).int("Amount must be whole cents").min(100, "At least $1.00").max(100_000, "At most $1,000.00"),
  reason: z.string({ error: "Reason is required" }).trim().min(3, "Say why, in at least 3 characters").max(200, "At most 200 characters"),
});

const subscriptionStatus = z.enum(["incomplete", "incomplete_expired", "trialing", "active", "past_due", "canceled", "unpaid", "paused"]);

export const billingOverview = z.object({
  workspace: z.object({ slug: z.string(), name: z.string() }),
  canManage: z.boolean(),
  plan: z.enum(PLAN_IDS),
  subscription: z
    .object({
      plan,
      interval,
      status: subscriptionStatus,
      seats: z.number().int(),
      cancelAtPeriodEnd: z.boolean(),
      currentPeriodEnd: z.date().nullable(),
      graceEndsAt: z.date().nullable(),
      paymentMethod: z.object({ brand: z.string(), last4: z.string() }).nullable(),
    })
    .nullable(),
  limits: z.object({ members: z.number().int().nullable(), boards: z.number().int().nullable() }),
  counts: z.object({ members: z.number().int(), boards: z.number().int() }),
  usage: z.object({
    periodStart: z.string(),
    requests: z.number().int(),
    included: z.number().int(),
    overageCentsPer1000: z.number().nullable(),
    daily: z.array(z.object({ day: z.string(), requests: z.number().int() })),
  }),
  pendingChange: z.object({ kind: z.string(), error: z.string().nullable() }).nullable(),
});
export type BillingOverview = z.infer<typeof billingOverview>;

export const urlOutput = z.object({ url: z.url() });

export const invoicePreview = z.object({
  amountDueCents: z.number().int(),
  currency: z.string(),
  prorationDate: z.number().int(),
  lines: z.array(z.object({ description: z.string(), amountCents: z.number().int(), proration: z.boolean() })),
});
export type InvoicePreview = z.infer<typeof invoicePreview>;

export const changeResult = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("applied"), plan, seats: z.number().int(), status: subscriptionStatus.nullable() }),
  z.object({ kind: z.literal("pending"), message: z.string() }),
]);
export const cancelResult = z.object({ cancelAtPeriodEnd: z.boolean(), currentPeriodEnd: z.date().nullable() });

export const invoiceList = z.array(
  z.object({
    id: z.string(),
    number: z.string().nullable(),
    status: z.string().nullable(),
    amountDueCents: z.number().int(),
    amountPaidCents: z.number().int(),
    currency: z.string(),
    createdAt: z.date(),
    hostedUrl: z.string().nullable(),
    pdfUrl: z.string().nullable(),
  }),
);

export const staffBillingOutput = z.object({
  workspace: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), plan: z.enum(PLAN_IDS), seats: z.number().int().nullable() }),
  customerId: z.string().nullable(),
  subscription: billingOverview.shape.subscription,
  intents: z.array(z.object({ id: z.uuid(), kind: z.string(), status: z.string(), attempts: z.number().int(), error: z.string().nullable(), createdAt: z.date(), settledAt: z.date().nullable() })),
  webhookEvents: z.array(z.object({ id: z.string(), type: z.string(), status: z.string(), eventCreatedAt: z.date(), receivedAt: z.date(), processedAt: z.date().nullable(), error: z.string().nullable() })),
  creditGrants: z.array(z.object({ id: z.uuid(), amountCents: z.number().int(), reason: z.string(), createdAt: z.date(), settled: z.boolean() })),
});
export const creditGrantResult = z.object({ grantId: z.uuid(), status: z.enum(["succeeded", "pending", "failed"]), message: z.string().nullable() });

export const myBilling = z.array(
  z.object({ slug: z.string(), name: z.string(), personal: z.boolean(), plan: z.enum(PLAN_IDS), role: z.enum(["owner", "admin", "member"]), pastDue: z.boolean(), graceEndsAt: z.date().nullable() }),
);
