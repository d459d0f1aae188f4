/**
 * The hosted Billing Portal: current plan and seats, change plan or seats with the proration
 * shown before confirming (charged at once, `always_invoice`), cancel at period end, resume,
 * replace the card, and the invoice list.
 */
import { changed, emit, nowFor, type Ctx } from "../context";
import { StripeError } from "../errors";
import type { Params } from "../form";
import { attachCard } from "../payments";
import { amountFor, formatMoney, isMetered } from "../pricing";
import { all, find, load, save, type Obj } from "../store";
import { licensed, periodOf, planChange } from "../prorations";
import { updateSubscription } from "../subscriptions";
import { alert, cardFields, date, esc, html, layout, type PageResult, type PageRoute } from "./page";

async function sessionOf(ctx: Ctx, id: string) {
  const session = await load(ctx.db, "billing_portal.session", id);
  const customer = await load(ctx.db, "customer", session.customer);
  return { session, customer, base: `/portal/${session.id}` };
}

async function subscriptionOf(ctx: Ctx, customer: Obj, id: string) {
  const sub = await load(ctx.db, "subscription", id);
  if (sub.customer !== customer.id) throw new StripeError(404, "invalid_request_error", "This subscription belongs to another customer.");
  return sub;
}

async function priceLabel(ctx: Ctx, price: Obj) {
  const product = await find(ctx.db, price.product);
  return `${product?.name ?? price.product} — ${formatMoney(amountFor(price, 1))} / ${price.recurring.interval}`;
}

async function overview(ctx: Ctx, id: string, notice: string | null): Promise<PageResult> {
  const { session, customer, base } = await sessionOf(ctx, id);
  const subs = (await all(ctx.db, "subscription", { customer: customer.id })).filter((s) => s.status !== "canceled");
  const parts: string[] = [];
  for (const sub of subs) {
    const main = licensed(sub.items.data)[0] ?? sub.items.data[0];
    const { end } = periodOf(sub);
    const seats = main.quantity > 1 ? `<p>${main.quantity} seats</p>` : "";
    const when = sub.cancel_at_period_end ? `Cancels on ${date(end)}` : sub.status === "past_due" ? "Payment failed — update your card and pay the open invoice" : `Renews on ${date(end)}`;
    const actions = sub.cancel_at_period_end
      ? `<form method="post" action="${base}/subscriptions/${sub.id}/resume"><button type="submit">Renew plan</button></form>`
      : `<a class="button" href="${base}/subscriptions/${sub.id}/update">Update plan</a> <a class="button secondary" href="${base}/subscriptions/${sub.id}/cancel">Cancel plan</a>`;
    parts.push(`<section class="card" aria-label="Subscription ${esc(sub.id)}"><h2>${esc(await priceLabel(ctx, main.price))}</h2>${seats}<p>Status: ${esc(sub.status)} · ${when}</p>${actions}</section>`);
  }
  const pmId = customer.invoice_settings?.default_payment_method;
  const pm = pmId ? await find(ctx.db, pmId) : null;
  const invoices = (await all(ctx.db, "invoice", { customer: customer.id })).filter((i) => i.status !== "draft");
  const rows = invoices
    .map((i) => `<tr><td>${date(i.created)}</td><td class="num">${formatMoney(i.total)}</td><td>${esc(i.status)}</td><td><a href="/invoice/${i.id}">View invoice ${esc(i.number)}</a></td></tr>`)
    .join("");
  const back = session.return_url ? `<a href="${esc(session.return_url)}">Return to the app</a>` : "";
  return html(
    200,
    layout(
      "Billing",
      `${back}<h1>Billing</h1>${notice ? `<div role="status">${esc(notice)}</div>` : ""}
<h2>Current plan</h2>${parts.join("") || "<p>No active subscription.</p>"}
<h2>Payment method</h2><section class="card">${pm ? `<p>${esc(pm.card.brand)} •••• ${esc(pm.card.last4)} · expires ${pm.card.exp_month}/${pm.card.exp_year}</p>` : "<p>No card on file.</p>"}<a class="button secondary" href="${base}/payment-method">Update payment method</a></section>
<h2>Invoice history</h2><section class="card"><table aria-label="Invoice history"><thead><tr><th>Date</th><th class="num">Amount</th><th>Status</th><th></th></tr></thead><tbody>${rows || `<tr><td colspan="4">No invoices yet.</td></tr>`}</tbody></table></section>`,
    ),
  );
}

/** The item changes a plan choice means: the seat item takes the new price; metered items follow the same meter on the new product, or go. */
async function itemsFor(ctx: Ctx, sub: Obj, priceId: string, quantity: number): Promise<Params[]> {
  const price = await load(ctx.db, "price", priceId, "price");
  const main = licensed(sub.items.data)[0];
  if (!main) throw new StripeError(400, "invalid_request_error", "This subscription has only usage-based items; there is no plan or seat count to change here.");
  const items: Params[] = [{ id: main.id, price: price.id, quantity: String(quantity) }];
  const prices = await all(ctx.db, "price");
  for (const item of sub.items.data.filter((i: Obj) => isMetered(i.price))) {
    const match = prices.find((p) => p.active && isMetered(p) && p.product === price.product && p.recurring.meter === item.price.recurring.meter && p.recurring.interval === price.recurring.interval);
    items.push(match ? { id: item.id, price: match.id } : { id: item.id, deleted: "true" });
  }
  return items;
}

async function updatePage(ctx: Ctx, id: string, subId: string, query: URLSearchParams, error: string | null = null): Promise<PageResult> {
  const { customer, base } = await sessionOf(ctx, id);
  const sub = await subscriptionOf(ctx, customer, subId);
  const main = licensed(sub.items.data)[0];
  if (!main) throw new StripeError(400, "invalid_request_error", "This subscription has only usage-based items; there is no plan or seat count to change here.");
  const chosen = query.get("price") ?? main.price.id;
  const seats = Number(query.get("quantity") ?? main.quantity ?? 1);
  const options = (await all(ctx.db, "price")).filter((p) => p.active && p.type === "recurring" && !isMetered(p));
  const radios: string[] = [];
  for (const p of options.reverse()) {
    radios.push(`<label><input type="radio" name="price" value="${p.id}" ${p.id === chosen ? "checked" : ""} style="width:auto"> ${esc(await priceLabel(ctx, p))}</label>`);
  }
  let preview = "";
  if (query.has("price") && !error) {
    try {
      const change = await planChange(ctx, sub, await itemsFor(ctx, sub, chosen, seats), { prorationBehavior: "always_invoice", now: await nowFor(ctx, customer) });
      const lines = change.prorations.map((l) => `<tr><td>${esc(l.description)}</td><td class="num">${formatMoney(l.amount)}</td></tr>`).join("");
      const due = change.resetsCycle ? amountFor(change.items.find((s) => !isMetered(s.price))!.price, seats) + change.prorations.reduce((s, l) => s + l.amount, 0) : change.prorations.reduce((s, l) => s + l.amount, 0);
      preview = `<section class="card" aria-label="Proration preview"><h2>What changes</h2><table><tbody>${lines || `<tr><td>No change to bill.</td><td></td></tr>`}${change.resetsCycle ? `<tr><td>New billing period starts today</td><td></td></tr>` : ""}</tbody>
<tfoot><tr><th>Amount due today</th><th class="num">${formatMoney(Math.max(0, due))}</th></tr></tfoot></table>
<form method="post"><input type="hidden" name="price" value="${esc(chosen)}"><input type="hidden" name="quantity" value="${seats}"><button type="submit">Confirm</button></form></section>`;
    } catch (e) {
      if (!(e instanceof StripeError)) throw e;
      error = e.message;
    }
  }
  return html(
    error ? 400 : 200,
    layout(
      "Update plan",
      `<a href="${base}">Back</a><h1>Update plan</h1>${alert(error)}<form method="get" class="card" aria-label="Choose a plan"><fieldset style="border:0;padding:0"><legend>Plan</legend>${radios.join("")}</fieldset>
<label for="quantity">Seats</label><input id="quantity" name="quantity" type="number" min="1" value="${seats}"><button type="submit" class="secondary">Preview changes</button></form>${preview}`,
    ),
  );
}

const back = (base: string, notice: string) => ({ redirect: `${base}?notice=${encodeURIComponent(notice)}` });

function cancelAtPeriodEnd(action: "cancel" | "resume", value: boolean, notice: (sub: Obj) => string): PageRoute {
  return {
    method: "POST",
    path: new RegExp(`^/portal/([^/]+)/subscriptions/([^/]+)/${action}$`),
    async run(ctx, _f, _q, [id, subId]) {
      const { customer, base } = await sessionOf(ctx, id!);
      const sub = await subscriptionOf(ctx, customer, subId!);
      await updateSubscription(ctx, sub, { cancel_at_period_end: String(value) }, await nowFor(ctx, customer));
      return back(base, notice(sub));
    },
  };
}

export const portalPages: PageRoute[] = [
  { method: "GET", path: /^\/portal\/([^/]+)$/, run: (ctx, _f, q, [id]) => overview(ctx, id!, q.get("notice")) },
  { method: "GET", path: /^\/portal\/([^/]+)\/subscriptions\/([^/]+)\/update$/, run: (ctx, _f, q, [id, sub]) => updatePage(ctx, id!, sub!, q) },
  {
    method: "POST",
    path: /^\/portal\/([^/]+)\/subscriptions\/([^/]+)\/update$/,
    async run(ctx, form, _q, [id, subId]) {
      const { customer, base } = await sessionOf(ctx, id!);
      const sub = await subscriptionOf(ctx, customer, subId!);
      const quantity = Number(form.quantity);
      const query = new URLSearchParams({ price: form.price ?? "", quantity: form.quantity ?? "" });
      if (!Number.isInteger(quantity) || quantity < 1) return updatePage(ctx, id!, subId!, query, "Seats must be a whole number of at least 1.");
      try {
        await ctx.db.savepoint(async (sp) => {
          const c = { ...ctx, db: sp };
          const items = await itemsFor(c, sub, form.price ?? "", quantity);
          await updateSubscription(c, sub, { items, proration_behavior: "always_invoice", payment_behavior: "error_if_incomplete" }, await nowFor(c, customer));
        });
      } catch (e) {
        if (!(e instanceof StripeError)) throw e;
        return updatePage(ctx, id!, subId!, query, e.message);
      }
      return back(base, "Your plan has been updated.");
    },
  },
  {
    method: "GET",
    path: /^\/portal\/([^/]+)\/subscriptions\/([^/]+)\/cancel$/,
    async run(ctx, _f, _q, [id, subId]) {
      const { customer, base } = await sessionOf(ctx, id!);
      const sub = await subscriptionOf(ctx, customer, subId!);
      return html(200, layout("Cancel plan", `<a href="${base}">Back</a><h1>Cancel plan</h1><section class="card"><p>Your plan stays active until ${date(periodOf(sub).end)}, then it is canceled. You can renew it until then.</p><form method="post"><button type="submit" class="danger">Confirm cancellation</button></form></section>`));
    },
  },
  cancelAtPeriodEnd("cancel", true, (sub) => `Your plan will be canceled on ${date(periodOf(sub).end)}.`),
  cancelAtPeriodEnd("resume", false, () => "Your plan has been renewed."),
  {
    method: "GET",
    path: /^\/portal\/([^/]+)\/payment-method$/,
    async run(ctx, _f, _q, [id]) {
      const { base } = await sessionOf(ctx, id!);
      return html(200, layout("Update payment method", `<a href="${base}">Back</a><h1>Update payment method</h1><form method="post" class="card" aria-label="New card">${cardFields()}<button type="submit">Save card</button></form>`));
    },
  },
  {
    method: "POST",
    path: /^\/portal\/([^/]+)\/payment-method$/,
    async run(ctx, form, _q, [id]) {
      const { customer, base } = await sessionOf(ctx, id!);
      try {
        await ctx.db.savepoint(async (sp) => {
          const c = { ...ctx, db: sp };
          const pm = await attachCard(c, customer, { number: form.card_number ?? "", expiry: form.card_expiry ?? "", cvc: form.card_cvc ?? "", name: form.card_name }, { makeDefault: true });
          for (const sub of await all(c.db, "subscription", { customer: customer.id })) {
            if (sub.status === "canceled" || !sub.default_payment_method) continue;
            const after = await save(c.db, { ...sub, default_payment_method: pm.id });
            await emit(c, "customer.subscription.updated", after, changed(sub, after), await nowFor(c, customer));
          }
        });
      } catch (e) {
        if (!(e instanceof StripeError)) throw e;
        return html(402, layout("Update payment method", `<a href="${base}">Back</a><h1>Update payment method</h1><form method="post" class="card" aria-label="New card">${alert(e.message)}${cardFields()}<button type="submit">Save card</button></form>`));
      }
      return back(base, "Your payment method has been updated.");
    },
  },
];
