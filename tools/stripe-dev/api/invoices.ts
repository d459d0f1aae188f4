/** invoices.list/retrieve/pay and the next-invoice preview (`invoices.createPreview`). */
import { nowFor } from "../context";
import { invalidRequest } from "../errors";
import { bool, hash, int, list, oneOf, reqStr, str } from "../form";
import { invoiceObject, type LineDraft } from "../invoice-object";
import { itemToLine, payInvoice, pendingItems } from "../invoices";
import { addInterval } from "../pricing";
import { all, find, load, page, render, type Obj } from "../store";
import { licensed, periodLines, periodOf, planChange } from "../prorations";
import { specsFrom } from "../subscriptions";
import { usageLines } from "../usage";
import { CommittedError, expandOf, type Route } from "./route";

export const invoiceRoutes: Route[] = [
  {
    method: "GET",
    path: /^\/v1\/invoices$/,
    params: ["customer", "subscription", "status", "limit", "starting_after", "ending_before", "created", "collection_method", "due_date"],
    async run(ctx, p) {
      const subscription = str(p, "subscription");
      const status = str(p, "status");
      const items = (await all(ctx.db, "invoice", { customer: str(p, "customer") })).filter(
        (i) => (!subscription || i.parent?.subscription_details?.subscription === subscription) && (!status || i.status === status),
      );
      return page(ctx.db, items, p, "/v1/invoices", expandOf(p));
    },
  },
  { method: "GET", path: /^\/v1\/invoices\/(in_[^/]+)$/, params: [], run: async (ctx, p, [id]) => render(ctx.db, await load(ctx.db, "invoice", id!), expandOf(p)) },
  {
    method: "GET",
    path: /^\/v1\/invoices\/(in_[^/]+)\/lines$/,
    params: ["limit", "starting_after", "ending_before"],
    async run(ctx, p, [id]) {
      const invoice = await load(ctx.db, "invoice", id!);
      return page(ctx.db, invoice.lines.data, p, `/v1/invoices/${id}/lines`, expandOf(p));
    },
  },
  {
    method: "POST",
    path: /^\/v1\/invoices\/(in_[^/]+)\/pay$/,
    params: ["payment_method", "off_session", "forgive", "paid_out_of_band", "source", "mandate"],
    async run(ctx, p, [id]) {
      const invoice = await load(ctx.db, "invoice", id!);
      if (invoice.status === "paid") throw invalidRequest("Invoice is already paid", "invoice");
      if (invoice.status !== "open") throw invalidRequest(`You can only pay an invoice that is open; this one is ${invoice.status}.`, "invoice");
      if (bool(p, "paid_out_of_band") || bool(p, "forgive")) throw invalidRequest("The local gateway only pays invoices by card (paid_out_of_band and forgive are not implemented).", bool(p, "forgive") ? "forgive" : "paid_out_of_band");
      const error = await payInvoice(ctx, invoice, { paymentMethod: str(p, "payment_method") });
      if (error) throw new CommittedError(error);
      return render(ctx.db, (await find(ctx.db, invoice.id))!, expandOf(p));
    },
  },
  {
    method: "POST",
    path: /^\/v1\/invoices\/create_preview$/,
    params: ["customer", "subscription", "subscription_details", "preview_mode", "automatic_tax", "currency"],
    async run(ctx, p) {
      const details = hash(p, "subscription_details") ?? {};
      const subId = str(p, "subscription");
      if (!subId) {
        const customer = await load(ctx.db, "customer", reqStr(p, "customer"), "customer");
        const specs = await specsFrom(ctx, list(details, "items"), "subscription_details[items]");
        const now = await nowFor(ctx, customer);
        const period = { start: now, end: addInterval(now, specs[0]!.price.recurring) };
        const draft = { id: "sub_preview", items: { data: specs } };
        const lines = await periodLines(ctx, draft, licensed(specs as Obj[]), period);
        return invoiceObject({ id: null, customer, subscription: null, lines, billingReason: "subscription_create", now, periodStart: now, periodEnd: now, baseUrl: ctx.baseUrl });
      }
      const sub = await load(ctx.db, "subscription", subId, "subscription");
      const customer = await load(ctx.db, "customer", sub.customer);
      if (str(p, "customer") && str(p, "customer") !== customer.id) throw invalidRequest("The subscription does not belong to that customer.", "customer");
      if (sub.status === "canceled") throw invalidRequest("No upcoming invoices for a canceled subscription.", "subscription");
      const now = await nowFor(ctx, customer);
      const behaviour = oneOf(details, "proration_behavior", ["create_prorations", "none", "always_invoice"] as const) ?? "create_prorations";
      const rawItems = list(details, "items");
      const change = rawItems.length ? await planChange(ctx, sub, rawItems, { prorationBehavior: behaviour, prorationDate: int(details, "proration_date"), now }) : null;
      const { start, end } = periodOf(sub);
      if (change && (change.resetsCycle || behaviour === "always_invoice")) {
        const next = { start: now, end: addInterval(now, change.items[0]!.price.recurring) };
        const lines: LineDraft[] = [...change.prorations, ...(change.resetsCycle ? await periodLines(ctx, sub, licensed(change.items as Obj[]), next) : [])];
        return invoiceObject({ id: null, customer, subscription: sub, lines, billingReason: "subscription_update", now, periodStart: now, periodEnd: now, baseUrl: ctx.baseUrl });
      }
      const endsHere = bool(details, "cancel_at_period_end") ?? sub.cancel_at_period_end;
      const next = { start: end, end: addInterval(end, sub.items.data[0].price.recurring) };
      const lines: LineDraft[] = [
        ...(await pendingItems(ctx, sub.id)).map(itemToLine),
        ...(change?.prorations ?? []),
        ...(await usageLines(ctx, sub, start, end)),
        ...(endsHere ? [] : await periodLines(ctx, sub, licensed((change?.items ?? sub.items.data) as Obj[]), next)),
      ];
      const preview = invoiceObject({ id: null, customer, subscription: sub, lines, billingReason: "subscription_cycle", now, periodStart: start, periodEnd: end, baseUrl: ctx.baseUrl });
      preview.next_payment_attempt = end;
      return preview;
    },
  },
];
