/**
 * Checkout Sessions (mode `subscription`) and Billing Portal sessions. Both answer with a `url`
 * on this server: the hosted pages in ../pages complete them.
 */
import { emit, nowFor, realNow } from "../context";
import { invalidRequest, unsupported } from "../errors";
import { hash, int, list, metadata, oneOf, reqStr, str } from "../form";
import { all, load, newId, page, render, save } from "../store";
import { specsFrom } from "../subscriptions";
import { expandOf, type Route } from "./route";

const SESSION_PARAMS = [
  "mode", "line_items", "customer", "customer_email", "client_reference_id", "success_url", "cancel_url", "metadata",
  "subscription_data", "allow_promotion_codes", "billing_address_collection", "locale", "payment_method_types", "customer_update", "automatic_tax", "tax_id_collection",
] as const;

export const checkoutRoutes: Route[] = [
  {
    method: "POST",
    path: /^\/v1\/checkout\/sessions$/,
    params: SESSION_PARAMS,
    async run(ctx, p) {
      const mode = oneOf(p, "mode", ["subscription", "payment", "setup"] as const);
      if (!mode) throw invalidRequest("Missing required param: mode.", "mode");
      if (mode !== "subscription") throw unsupported(`Checkout in mode=${mode} (only mode=subscription)`, "mode");
      const successUrl = reqStr(p, "success_url");
      const customerId = str(p, "customer");
      const customer = customerId ? await load(ctx.db, "customer", customerId, "customer") : null;
      if (customer && str(p, "customer_email")) throw invalidRequest("You may only specify one of these parameters: customer, customer_email.", "customer_email");
      const specs = await specsFrom(ctx, list(p, "line_items"), "line_items");
      const data = hash(p, "subscription_data") ?? {};
      const trialDays = int(data, "trial_period_days", { min: 1 }) ?? null;
      const now = await nowFor(ctx, customer);
      const id = newId("cs_test", 58);
      const amount = specs.reduce((sum, s) => sum + (s.price.recurring?.usage_type === "metered" ? 0 : (s.price.unit_amount ?? 0) * (s.quantity ?? 1)), 0);
      const session = await save(ctx.db, {
        id,
        object: "checkout.session",
        after_expiration: null,
        allow_promotion_codes: null,
        amount_subtotal: trialDays ? 0 : amount,
        amount_total: trialDays ? 0 : amount,
        automatic_tax: { enabled: false, liability: null, status: null },
        billing_address_collection: null,
        cancel_url: str(p, "cancel_url") ?? null,
        client_reference_id: str(p, "client_reference_id") ?? null,
        client_secret: null,
        created: now,
        currency: "usd",
        customer: customer?.id ?? null,
        customer_creation: customer ? null : "always",
        customer_details: null,
        customer_email: str(p, "customer_email") ?? null,
        expires_at: now + 86_400,
        invoice: null,
        livemode: false,
        locale: null,
        metadata: metadata(p),
        mode,
        payment_intent: null,
        payment_method_types: ["card"],
        payment_status: "unpaid",
        status: "open",
        submit_type: null,
        subscription: null,
        success_url: successUrl,
        total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
        ui_mode: "hosted",
        url: `${ctx.baseUrl}/checkout/${id}`,
        _line_items: specs.map((s) => ({ price: s.price.id, quantity: s.quantity })),
        _subscription_data: { metadata: metadata(data), trial_period_days: trialDays, description: str(data, "description") ?? null },
      });
      return render(ctx.db, session, expandOf(p));
    },
  },
  { method: "GET", path: /^\/v1\/checkout\/sessions\/([^/]+)$/, params: [], run: async (ctx, p, [id]) => render(ctx.db, await load(ctx.db, "checkout.session", id!), expandOf(p)) },
  {
    method: "POST",
    path: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
    params: [],
    async run(ctx, p, [id]) {
      const session = await load(ctx.db, "checkout.session", id!);
      if (session.status !== "open") throw invalidRequest(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`, "session");
      session.status = "expired";
      await save(ctx.db, session);
      await emit(ctx, "checkout.session.expired", session);
      return render(ctx.db, session, expandOf(p));
    },
  },
  {
    method: "GET",
    path: /^\/v1\/checkout\/sessions$/,
    params: ["customer", "subscription", "status", "limit", "starting_after", "ending_before", "created"],
    async run(ctx, p) {
      const customer = str(p, "customer");
      const subscription = str(p, "subscription");
      const status = str(p, "status");
      const items = (await all(ctx.db, "checkout.session")).filter((s) => (!customer || s.customer === customer) && (!subscription || s.subscription === subscription) && (!status || s.status === status));
      return page(ctx.db, items, p, "/v1/checkout/sessions", expandOf(p));
    },
  },
  {
    method: "POST",
    path: /^\/v1\/billing_portal\/sessions$/,
    params: ["customer", "return_url", "configuration", "flow_data", "locale", "on_behalf_of"],
    async run(ctx, p) {
      const customer = await load(ctx.db, "customer", reqStr(p, "customer"), "customer");
      const flow = hash(p, "flow_data");
      const flowType = flow ? oneOf(flow, "type", ["payment_method_update", "subscription_cancel", "subscription_update", "subscription_update_confirm"] as const) : undefined;
      if (flowType === "subscription_update_confirm") throw unsupported("flow_data[type]=subscription_update_confirm", "flow_data[type]");
      const flowSub = flowType && flowType !== "payment_method_update" ? str(hash(flow!, flowType) ?? {}, "subscription", { required: true }) : undefined;
      if (flowSub) await load(ctx.db, "subscription", flowSub, `flow_data[${flowType}][subscription]`);
      const id = newId("bps");
      const path = flowType === "payment_method_update" ? "/payment-method" : flowType === "subscription_cancel" ? `/subscriptions/${flowSub}/cancel` : flowType === "subscription_update" ? `/subscriptions/${flowSub}/update` : "";
      const session = await save(ctx.db, {
        id,
        object: "billing_portal.session",
        configuration: str(p, "configuration") ?? "bpc_local_default",
        created: realNow(),
        customer: customer.id,
        customer_account: null,
        flow: flowType ? { type: flowType } : null,
        livemode: false,
        locale: null,
        on_behalf_of: null,
        return_url: str(p, "return_url") ?? null,
        url: `${ctx.baseUrl}/portal/${id}${path}`,
      });
      return render(ctx.db, session, expandOf(p));
    },
  },
];

