/** The hosted invoice page (`hosted_invoice_url`): what is owed, and a card form to pay it. */
import { StripeError } from "../errors";
import { payInvoice } from "../invoices";
import { attachCard } from "../payments";
import { formatMoney } from "../pricing";
import { find, load, type Obj } from "../store";
import type { Ctx } from "../context";
import { alert, cardFields, date, esc, html, layout, type PageRoute } from "./page";

async function render(ctx: Ctx, invoice: Obj, error: string | null) {
  const lines = (invoice.lines.data as Obj[]).map((l) => `<tr><td>${esc(l.description)}</td><td class="num">${formatMoney(l.amount)}</td></tr>`).join("");
  const state =
    invoice.status === "paid"
      ? `<div role="status">Paid on ${date(invoice.status_transitions.paid_at)}</div>`
      : invoice.status === "open"
        ? `<form method="post" aria-label="Pay invoice">${alert(error)}${cardFields()}<button type="submit">Pay ${formatMoney(invoice.amount_remaining)}</button></form>`
        : `<p>This invoice is ${esc(invoice.status)}.</p>`;
  const customer = await find(ctx.db, invoice.customer);
  return html(
    error ? 402 : 200,
    layout(
      `Invoice ${invoice.number}`,
      `<h1>Invoice ${esc(invoice.number)}</h1><p>${esc(customer?.email)} · issued ${date(invoice.created)} · status ${esc(invoice.status)}</p>
<section class="card"><table aria-label="Invoice lines"><tbody>${lines}</tbody><tfoot><tr><th>Amount due</th><th class="num">${formatMoney(invoice.amount_remaining)}</th></tr></tfoot></table></section>
<section class="card">${state}</section>`,
    ),
  );
}

export const invoicePages: PageRoute[] = [
  { method: "GET", path: /^\/invoice\/(in_[^/]+)$/, run: async (ctx, _f, _q, [id]) => render(ctx, await load(ctx.db, "invoice", id!), null) },
  {
    method: "POST",
    path: /^\/invoice\/(in_[^/]+)$/,
    async run(ctx, form, _q, [id]) {
      const invoice = await load(ctx.db, "invoice", id!);
      if (invoice.status !== "open") return render(ctx, invoice, null);
      const customer = await load(ctx.db, "customer", invoice.customer);
      let error: StripeError | null = null;
      try {
        // The card is checked (and a declined one refused) before anything is stored.
        const pm = await ctx.db.savepoint((sp) => attachCard({ ...ctx, db: sp }, customer, { number: form.card_number ?? "", expiry: form.card_expiry ?? "", cvc: form.card_cvc ?? "", name: form.card_name }, { makeDefault: false }));
        // A failed attempt is recorded (attempt_count, invoice.payment_failed), as Stripe does.
        error = await payInvoice(ctx, invoice, { paymentMethod: pm.id });
      } catch (e) {
        if (!(e instanceof StripeError)) throw e;
        error = e;
      }
      if (error) return render(ctx, (await find(ctx.db, invoice.id))!, error.message);
      return { redirect: `/invoice/${invoice.id}` };
    },
  },
];
