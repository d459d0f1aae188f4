import "server-only";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { askGateway } from "./gateway";
import { selectCustomer, selectWorkspaceBySlug } from "./subscription-queries";

/** The workspace's recent invoices, from the gateway (links to its hosted page and PDF). */
export async function listInvoices(_input: unknown, actor: WorkspaceActor, db: DbOrTx) {
  return invoicesOf(db, actor.workspace.id);
}

/** The same list for support (read-only; the workspace named by its slug). */
export async function listStaffInvoices(input: { workspaceSlug: string }, _actor: { userId: string }, db: DbOrTx) {
  const workspace = await selectWorkspaceBySlug(db, input.workspaceSlug);
  if (!workspace) throw new AppError("NOT_FOUND", { userMessage: `No workspace at “${input.workspaceSlug}”.` });
  return invoicesOf(db, workspace.id);
}

async function invoicesOf(db: DbOrTx, workspaceId: string) {
  const customer = await selectCustomer(db, workspaceId);
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
