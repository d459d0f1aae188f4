import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { askGateway } from "./gateway";
import { insertCustomerIfAbsent, selectCustomer, selectUserEmail } from "./subscription-queries";

/**
 * The workspace's gateway customer, created on first need. The Idempotency-Key is derived from
 * the workspace, so a crash between the create and the insert finds the same customer next time.
 */
export async function ensureCustomer(db: DbOrTx, workspace: { id: string; name: string; slug: string }, payerUserId: string): Promise<string> {
  const existing = await selectCustomer(db, workspace.id);
  if (existing) return existing.stripeCustomerId;
  // Receipts go to the owner who subscribed; the hosted checkout then doesn't ask for an address.
  const email = await selectUserEmail(db, payerUserId);
  const customer = await askGateway((stripe) =>
    stripe.customers.create({ name: workspace.name, ...(email ? { email } : {}), metadata: { workspaceId: workspace.id, workspaceSlug: workspace.slug } }, { idempotencyKey: `customer-${workspace.id}` }),
  );
  await insertCustomerIfAbsent(db, workspace.id, customer.id);
  return (await selectCustomer(db, workspace.id))!.stripeCustomerId;
}
