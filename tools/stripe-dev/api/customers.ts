/** Customers (optionally on a test clock) and the cards attached to them. */
import { changed, emit, nowFor, realNow } from "../context";
import { invalidRequest } from "../errors";
import { hash, int, metadata, reqStr, str, type Params } from "../form";
import { recordBalanceChange } from "../invoices";
import { setDefaultPaymentMethod } from "../payments";
import { all, find, load, newId, page, render, save, type Obj } from "../store";
import { expandOf, type Route } from "./route";

const CUSTOMER_PARAMS = ["email", "name", "description", "phone", "metadata", "test_clock", "invoice_settings", "preferred_locales"] as const;

export async function createCustomer(ctx: Parameters<Route["run"]>[0], p: Params): Promise<Obj> {
  const clockId = str(p, "test_clock");
  const clock = clockId ? await load(ctx.db, "test_helpers.test_clock", clockId, "test_clock") : null;
  const id = newId("cus", 14);
  const customer = await save(ctx.db, {
    id,
    object: "customer",
    address: null,
    balance: 0,
    created: clock ? clock.frozen_time : realNow(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: str(p, "description") ?? null,
    discount: null,
    email: str(p, "email") ?? null,
    invoice_prefix: id.slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: metadata(p),
    name: str(p, "name") ?? null,
    next_invoice_sequence: 1,
    phone: str(p, "phone") ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: clock?.id ?? null,
  });
  await emit(ctx, "customer.created", customer, undefined, customer.created);
  return customer;
}

export const customerRoutes: Route[] = [
  { method: "POST", path: /^\/v1\/customers$/, params: CUSTOMER_PARAMS, run: async (ctx, p) => render(ctx.db, await createCustomer(ctx, p), expandOf(p)) },
  {
    method: "GET",
    path: /^\/v1\/customers\/([^/]+)$/,
    params: [],
    async run(ctx, p, [id]) {
      const found = await find(ctx.db, id!);
      if (found?.object === "customer" && found.deleted) return { id: found.id, object: "customer", deleted: true };
      return render(ctx.db, await load(ctx.db, "customer", id!), expandOf(p));
    },
  },
  {
    method: "POST",
    path: /^\/v1\/customers\/([^/]+)$/,
    params: ["email", "name", "description", "phone", "metadata", "invoice_settings", "preferred_locales"],
    async run(ctx, p, [id]) {
      const customer = await load(ctx.db, "customer", id!);
      const before = structuredClone(customer);
      for (const key of ["email", "name", "description", "phone"] as const) if (p[key] !== undefined) customer[key] = str(p, key) ?? null;
      customer.metadata = metadata(p, customer.metadata);
      await save(ctx.db, customer);
      const settings = hash(p, "invoice_settings");
      const pm = settings ? str(settings, "default_payment_method") : undefined;
      if (pm) {
        const method = await load(ctx.db, "payment_method", pm, "invoice_settings[default_payment_method]");
        if (method.customer !== customer.id) throw invalidRequest(`The payment method \`${pm}\` is not attached to this customer.`, "invoice_settings[default_payment_method]");
        await setDefaultPaymentMethod(ctx, customer, pm);
      } else if (JSON.stringify(before) !== JSON.stringify(customer)) {
        await emit(ctx, "customer.updated", customer, changed(before, customer), await nowFor(ctx, customer));
      }
      return render(ctx.db, (await find(ctx.db, customer.id))!, expandOf(p));
    },
  },
  {
    method: "DELETE",
    path: /^\/v1\/customers\/([^/]+)$/,
    params: [],
    async run(ctx, _p, [id]) {
      const customer = await load(ctx.db, "customer", id!);
      for (const sub of await all(ctx.db, "subscription", { customer: customer.id })) {
        if (sub.status !== "canceled") throw invalidRequest("Cancel this customer's subscriptions before deleting it (the local gateway does not cascade).", "id");
      }
      await save(ctx.db, { ...customer, deleted: true });
      await emit(ctx, "customer.deleted", customer);
      return { id: customer.id, object: "customer", deleted: true };
    },
  },
  {
    method: "GET",
    path: /^\/v1\/customers$/,
    params: ["email", "test_clock", "limit", "starting_after", "ending_before", "created"],
    async run(ctx, p) {
      const email = str(p, "email");
      const clock = str(p, "test_clock");
      const items = (await all(ctx.db, "customer")).filter((c) => (!email || c.email === email) && (!clock || c.test_clock === clock));
      return page(ctx.db, items, p, "/v1/customers", expandOf(p));
    },
  },
  {
    method: "GET",
    path: /^\/v1\/customers\/([^/]+)\/payment_methods$/,
    params: ["type", "limit", "starting_after", "ending_before", "allow_redisplay"],
    async run(ctx, p, [id]) {
      await load(ctx.db, "customer", id!, "customer");
      return page(ctx.db, await all(ctx.db, "payment_method", { customer: id }), p, `/v1/customers/${id}/payment_methods`, expandOf(p));
    },
  },
  {
    method: "GET",
    path: /^\/v1\/payment_methods$/,
    params: ["customer", "type", "limit", "starting_after", "ending_before"],
    async run(ctx, p) {
      const customer = str(p, "customer", { required: true })!;
      return page(ctx.db, await all(ctx.db, "payment_method", { customer }), p, "/v1/payment_methods", expandOf(p));
    },
  },
  {
    method: "POST",
    path: /^\/v1\/customers\/([^/]+)\/balance_transactions$/,
    params: ["amount", "currency", "description", "metadata"],
    async run(ctx, p, [id]) {
      const customer = await load(ctx.db, "customer", id!);
      const amount = int(p, "amount", { required: true })!;
      if (reqStr(p, "currency").toLowerCase() !== "usd") throw invalidRequest("The local gateway keeps balances in usd only.", "currency");
      const txn = await recordBalanceChange(ctx, customer, amount, { type: "adjustment", invoice: null, description: str(p, "description") ?? null, metadata: metadata(p) }, await nowFor(ctx, customer));
      return render(ctx.db, txn, expandOf(p));
    },
  },
  {
    method: "GET",
    path: /^\/v1\/customers\/([^/]+)\/balance_transactions$/,
    params: ["limit", "starting_after", "ending_before", "created", "invoice"],
    async run(ctx, p, [id]) {
      await load(ctx.db, "customer", id!, "customer");
      return page(ctx.db, await all(ctx.db, "customer_balance_transaction", { customer: id }), p, `/v1/customers/${id}/balance_transactions`, expandOf(p));
    },
  },
  { method: "GET", path: /^\/v1\/payment_methods\/([^/]+)$/, params: [], run: async (ctx, p, [id]) => render(ctx.db, await load(ctx.db, "payment_method", id!), expandOf(p)) },
  { method: "GET", path: /^\/v1\/payment_intents\/([^/]+)$/, params: [], run: async (ctx, p, [id]) => render(ctx.db, await load(ctx.db, "payment_intent", id!), expandOf(p)) },
];
