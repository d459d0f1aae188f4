import "server-only";
import type Stripe from "stripe";
import type { z } from "zod";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { DbOrTx } from "@/server/db/client";
import type { InvoicePreview, planChoiceInput } from "../schemas";
import { askGateway } from "./gateway";
import { changeItems, requireChangeableSubscription } from "./plan-change";

/**
 * The invoice the change would create now (prorations for the rest of the period), so the
 * owner sees the charge before confirming. The proration date is returned and sent back with
 * the change, so the amount charged is the amount shown.
 */
export async function previewChange(input: z.output<typeof planChoiceInput>, actor: WorkspaceActor, db: DbOrTx, now = new Date()): Promise<InvoicePreview> {
  const sub = await requireChangeableSubscription(db, actor.workspace);
  const { items } = await changeItems(db, sub, input);
  const prorationDate = Math.floor(now.getTime() / 1000);
  const preview = await askGateway((stripe) =>
    stripe.invoices.createPreview({
      customer: sub.stripeCustomerId,
      subscription: sub.stripeSubscriptionId,
      subscription_details: { items, proration_behavior: "always_invoice", proration_date: prorationDate },
    }),
  );
  return {
    amountDueCents: preview.amount_due,
    currency: preview.currency,
    prorationDate,
    lines: preview.lines.data.map((line) => ({ description: line.description ?? "", amountCents: line.amount, proration: isProration(line) })),
  };
}

function isProration(line: Stripe.InvoiceLineItem): boolean {
  const parent = (line as { parent?: { subscription_item_details?: { proration?: boolean } } }).parent;
  return Boolean(parent?.subscription_item_details?.proration ?? (line as { proration?: boolean }).proration);
}
