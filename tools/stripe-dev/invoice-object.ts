/** The invoice and line-item objects as this API version shapes them (also used for previews). */
import { newId, type Obj } from "./store";

export type LineDraft = {
  amount: number;
  description: string;
  price: Obj;
  quantity: number | null;
  period: { start: number; end: number };
  proration: boolean;
  subscription: string | null;
  subscriptionItem: string | null;
  invoiceItem?: string | null;
};

export function lineObject(invoiceId: string | null, l: LineDraft): Obj {
  return {
    id: newId("il"),
    object: "line_item",
    amount: l.amount,
    currency: "usd",
    description: l.description,
    discount_amounts: [],
    discountable: !l.proration,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: {},
    parent: {
      type: l.subscriptionItem ? "subscription_item_details" : "invoice_item_details",
      invoice_item_details: l.subscriptionItem ? null : { invoice_item: l.invoiceItem ?? null, proration: l.proration, proration_details: { credited_items: null }, subscription: l.subscription },
      subscription_item_details: l.subscriptionItem
        ? { invoice_item: l.invoiceItem ?? null, proration: l.proration, proration_details: { credited_items: null }, subscription: l.subscription, subscription_item: l.subscriptionItem }
        : null,
    },
    period: l.period,
    pretax_credit_amounts: [],
    pricing: { type: "price_details", price_details: { price: l.price.id, product: l.price.product }, unit_amount_decimal: l.price.unit_amount_decimal ?? null },
    quantity: l.quantity,
    subscription: l.subscription,
    subtotal: l.amount,
    taxes: [],
  };
}

/** An invoice object around lines; `id: null` makes a preview (`invoices.createPreview`). */
export function invoiceObject(opts: { id: string | null; customer: Obj; subscription: Obj | null; lines: LineDraft[]; billingReason: string; now: number; periodStart: number; periodEnd: number; baseUrl: string }): Obj {
  const id = opts.id ?? newId("upcoming_in");
  const lines = opts.lines.map((l) => lineObject(opts.id, l));
  const total = lines.reduce((sum, l) => sum + l.amount, 0);
  // The customer's balance (negative = credit) is applied: credit lowers what is due, and a
  // negative total (a downgrade's proration) becomes credit for later invoices.
  const starting = opts.customer.balance ?? 0;
  const due = Math.max(0, total + starting);
  return {
    id,
    object: "invoice",
    account_country: "US",
    account_name: "Groundwork (local test gateway)",
    account_tax_ids: null,
    amount_due: due,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: due,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: opts.billingReason,
    collection_method: "charge_automatically",
    created: opts.now,
    currency: "usd",
    custom_fields: null,
    customer: opts.customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: opts.customer.email ?? null,
    customer_name: opts.customer.name ?? null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: opts.id ? null : Math.min(0, total + starting),
    footer: null,
    from_invoice: null,
    hosted_invoice_url: opts.id ? `${opts.baseUrl}/invoice/${id}` : null,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: "list", data: lines, has_more: false, total_count: lines.length, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: opts.subscription
      ? { type: "subscription_details", quote_details: null, subscription_details: { metadata: opts.subscription.metadata ?? {}, subscription: opts.subscription.id } }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    payments: { object: "list", data: [], has_more: false, total_count: 0, url: "/v1/invoice_payments" },
    period_end: opts.periodEnd,
    period_start: opts.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: starting,
    statement_descriptor: null,
    status: "draft",
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: opts.customer.test_clock ?? null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
}
