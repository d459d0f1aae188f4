/** subscriptions.create/retrieve/list/update/cancel. */
import { nowFor } from "../context";
import { invalidRequest, unsupported } from "../errors";
import { bool, hash, int, list, metadata, oneOf, reqStr, str } from "../form";
import { issueInvoice } from "../invoices";
import { all, load, page, render, type Obj } from "../store";
import { periodOf } from "../prorations";
import { createSubscription, endSubscription, specsFrom, updateSubscription } from "../subscriptions";
import { usageLines } from "../usage";
import { expandOf, type Route } from "./route";

export const subscriptionRoutes: Route[] = [
  {
    method: "POST",
    path: /^\/v1\/subscriptions$/,
    params: ["customer", "items", "default_payment_method", "metadata", "trial_period_days", "payment_behavior", "proration_behavior", "description", "collection_method", "off_session"],
    async run(ctx, p) {
      const customer = await load(ctx.db, "customer", reqStr(p, "customer"), "customer");
      if ((oneOf(p, "collection_method", ["charge_automatically", "send_invoice"] as const) ?? "charge_automatically") !== "charge_automatically") throw unsupported("collection_method=send_invoice", "collection_method");
      const behaviour = oneOf(p, "payment_behavior", ["allow_incomplete", "error_if_incomplete", "default_incomplete", "pending_if_incomplete"] as const) ?? "allow_incomplete";
      if (behaviour === "default_incomplete" || behaviour === "pending_if_incomplete") throw unsupported(`payment_behavior=${behaviour}`, "payment_behavior");
      const pm = str(p, "default_payment_method");
      if (pm && (await load(ctx.db, "payment_method", pm, "default_payment_method")).customer !== customer.id) throw invalidRequest("The payment method must be attached to the customer.", "default_payment_method");
      const { subscription, error } = await createSubscription(ctx, {
        customer,
        items: await specsFrom(ctx, list(p, "items"), "items"),
        metadata: metadata(p),
        defaultPaymentMethod: pm ?? null,
        trialDays: int(p, "trial_period_days", { min: 1 }) ?? null,
        now: await nowFor(ctx, customer),
        firstCharge: false,
        description: str(p, "description") ?? null,
      });
      if (error && behaviour === "error_if_incomplete") throw error;
      return render(ctx.db, subscription, expandOf(p));
    },
  },
  { method: "GET", path: /^\/v1\/subscriptions\/([^/]+)$/, params: [], run: async (ctx, p, [id]) => render(ctx.db, await load(ctx.db, "subscription", id!), expandOf(p)) },
  {
    method: "POST",
    path: /^\/v1\/subscriptions\/([^/]+)$/,
    params: ["items", "proration_behavior", "proration_date", "cancel_at_period_end", "cancel_at", "cancellation_details", "metadata", "default_payment_method", "payment_behavior", "description", "pause_collection", "off_session"],
    async run(ctx, p, [id]) {
      const sub = await load(ctx.db, "subscription", id!);
      const updated = await updateSubscription(ctx, sub, p, await nowFor(ctx, sub.customer));
      return render(ctx.db, updated, expandOf(p));
    },
  },
  {
    method: "DELETE",
    path: /^\/v1\/subscriptions\/([^/]+)$/,
    params: ["invoice_now", "prorate", "cancellation_details"],
    async run(ctx, p, [id]) {
      const sub = await load(ctx.db, "subscription", id!);
      if (sub.status === "canceled") throw invalidRequest(`No such subscription: '${sub.id}' is already canceled.`, "id");
      if (bool(p, "prorate")) throw unsupported("prorate=true on cancel (credit for unused time)", "prorate");
      const now = await nowFor(ctx, sub.customer);
      const details = hash(p, "cancellation_details");
      if (details) sub.cancellation_details = { ...sub.cancellation_details, comment: str(details, "comment") ?? null, feedback: str(details, "feedback") ?? null };
      if (bool(p, "invoice_now")) {
        const customer = await load(ctx.db, "customer", sub.customer);
        const { start } = periodOf(sub);
        await issueInvoice(ctx, { customer, subscription: sub, lines: await usageLines(ctx, sub, start, now), billingReason: "subscription_cycle", now, periodStart: start, periodEnd: now });
      }
      return render(ctx.db, await endSubscription(ctx, sub, now, "cancellation_requested"), expandOf(p));
    },
  },
  {
    method: "GET",
    path: /^\/v1\/subscriptions$/,
    params: ["customer", "status", "price", "test_clock", "limit", "starting_after", "ending_before", "created", "collection_method"],
    async run(ctx, p) {
      const status = str(p, "status");
      const price = str(p, "price");
      const clock = str(p, "test_clock");
      const items = (await all(ctx.db, "subscription", { customer: str(p, "customer") })).filter(
        (s: Obj) =>
          (status === "all" || (status ? s.status === status : s.status !== "canceled")) &&
          (!price || s.items.data.some((i: Obj) => i.price.id === price)) &&
          (!clock || s.test_clock === clock),
      );
      return page(ctx.db, items, p, "/v1/subscriptions", expandOf(p));
    },
  },
];

