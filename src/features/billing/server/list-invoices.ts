import "server-only";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { DbOrTx } from "@/server/db/client";
import { askGateway } from "./gateway";
import { selectCustomer } from "./subscription-queries";

/** The customer's recent invoices, from the gateway (links to its hosted page and PDF). */
export async function listInvoices(_input: unknown, actor: WorkspaceActor, db: DbOrTx) {
  const customer = await selectCustomer(db, actor.workspace.id);
  if (!customer) return [];
  const list = await askGateway((stripe) => stripe.invoices.list({ customer: customer.stripeCustomerId, limit: 24 }));
  return list.data.map((inv) => ({
    id: inv.id!,
    number: inv.number ?? null,
    status: inv.status ?? null,
    amountDueCents: inv.amount_due,
    amountPaidCents: inv.amount_paid,
    currency: inv.currency,
    createdAt: new Date(inv.created * 1000),
    hostedUrl: inv.hosted_invoice_url ?? null,
    pdfUrl: inv.invoice_pdf ?? null,
  }));
}
