/** The hosted Checkout page: a plan summary, the card form, "Subscribe", back to the app. */
import { emit, nowFor, type Ctx } from "../context";
import { createCustomer } from "../api/customers";
import { StripeError } from "../errors";
import { attachCard } from "../payments";
import { amountFor, formatMoney, isMetered } from "../pricing";
import { find, load, save, type Obj } from "../store";
import { createSubscription } from "../subscriptions";
import { alert, cardFields, esc, html, layout, type PageRoute } from "./page";

async function summary(ctx: Ctx, session: Obj): Promise<string> {
  const rows: string[] = [];
  let due = 0;
  for (const item of session._line_items as Obj[]) {
    const price = await load(ctx.db, "price", item.price);
    const product = await find(ctx.db, price.product);
    const per = `${price.recurring.interval_count > 1 ? `${price.recurring.interval_count} ` : ""}${price.recurring.interval}`;
    if (isMetered(price)) {
      rows.push(`<tr><td>${esc(product?.name)}<br><small>Billed by usage, monthly in arrears</small></td><td class="num">usage</td></tr>`);
      continue;
    }
    const amount = amountFor(price, item.quantity ?? 1);
    due += amount;
    rows.push(`<tr><td>${esc(product?.name)}${item.quantity > 1 ? ` × ${item.quantity}` : ""}<br><small>${formatMoney(amountFor(price, 1))} per ${per}${item.quantity > 1 ? " per seat" : ""}</small></td><td class="num">${formatMoney(amount)}</td></tr>`);
  }
  const trial = session._subscription_data?.trial_period_days;
  return `<table aria-label="Order summary"><tbody>${rows.join("")}</tbody>
<tfoot><tr><th>${trial ? `Total due today (${trial}-day trial)` : "Total due today"}</th><th class="num">${formatMoney(trial ? 0 : due)}</th></tr></tfoot></table>`;
}

async function render(ctx: Ctx, session: Obj, error: string | null, form: Record<string, string> = {}) {
  if (session.status !== "open") {
    const next = session.status === "complete" ? `<a class="button" href="${esc(successUrl(session))}">Continue</a>` : "";
    return html(200, layout("Checkout", `<h1>This checkout session is ${esc(session.status)}</h1>${next}`));
  }
  const customer = session.customer ? await find(ctx.db, session.customer) : null;
  const email = customer?.email ?? session.customer_email;
  const emailField = email
    ? `<p>Paying as <strong>${esc(email)}</strong></p>`
    : `<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" value="${esc(form.email)}" required>`;
  const back = session.cancel_url ? `<a href="${esc(session.cancel_url)}">Cancel and return</a>` : "";
  return html(
    error ? 402 : 200,
    layout(
      "Checkout",
      `${back}<h1>Subscribe</h1><section class="card">${await summary(ctx, session)}</section>
<form method="post" class="card" aria-label="Payment details">${alert(error)}${emailField}${cardFields()}
<button type="submit">Subscribe</button></form>`,
    ),
  );
}

const successUrl = (session: Obj) => String(session.success_url).replaceAll("{CHECKOUT_SESSION_ID}", session.id);

async function complete(ctx: Ctx, session: Obj, form: Record<string, string>): Promise<string> {
  let customer = session.customer ? await load(ctx.db, "customer", session.customer) : null;
  const email = customer?.email ?? session.customer_email ?? form.email?.trim();
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new StripeError(400, "invalid_request_error", "Enter a valid email address.", { param: "email" });
  customer ??= await createCustomer(ctx, { email, ...(form.card_name ? { name: form.card_name } : {}) });
  const pm = await attachCard(ctx, customer, { number: form.card_number ?? "", expiry: form.card_expiry ?? "", cvc: form.card_cvc ?? "", name: form.card_name }, { makeDefault: true });
  const now = await nowFor(ctx, customer);
  const items = [];
  for (const item of session._line_items as Obj[]) items.push({ price: await load(ctx.db, "price", item.price), quantity: item.quantity });
  const { subscription, invoice, error } = await createSubscription(ctx, {
    customer: (await find(ctx.db, customer.id))!,
    items,
    metadata: session._subscription_data?.metadata ?? {},
    defaultPaymentMethod: pm.id,
    trialDays: session._subscription_data?.trial_period_days ?? null,
    now,
    firstCharge: true,
    description: session._subscription_data?.description ?? null,
  });
  if (error) throw error;
  Object.assign(session, {
    status: "complete",
    payment_status: invoice.amount_due > 0 ? "paid" : "no_payment_required",
    customer: customer.id,
    customer_details: { address: null, email, name: form.card_name || customer.name || null, phone: null, tax_exempt: "none", tax_ids: [] },
    subscription: subscription.id,
    invoice: invoice.id,
  });
  await save(ctx.db, session);
  await emit(ctx, "checkout.session.completed", session, undefined, now);
  return successUrl(session);
}

export const checkoutPages: PageRoute[] = [
  { method: "GET", path: /^\/checkout\/([^/]+)$/, run: async (ctx, _form, _q, [id]) => render(ctx, await load(ctx.db, "checkout.session", id!), null) },
  {
    method: "POST",
    path: /^\/checkout\/([^/]+)$/,
    async run(ctx, form, _q, [id]) {
      const session = await load(ctx.db, "checkout.session", id!);
      if (session.status !== "open") return render(ctx, session, null);
      try {
        return { redirect: await ctx.db.savepoint((sp) => complete({ ...ctx, db: sp }, session, form)) };
      } catch (error) {
        if (!(error instanceof StripeError)) throw error;
        return render(ctx, await load(ctx.db, "checkout.session", id!), error.message, form);
      }
    },
  },
];
