import "server-only";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import type { DbOrTx } from "@/server/db/client";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { askGateway } from "./gateway";
import { selectCustomer } from "./subscription-queries";

/** The gateway's hosted portal (card, invoices, plan changes); changes come back as webhooks. */
export async function openPortal(_input: unknown, actor: WorkspaceActor, db: DbOrTx): Promise<{ url: string }> {
  const customer = await selectCustomer(db, actor.workspace.id);
  if (!customer) throw new AppError("BAD_REQUEST", { userMessage: "There is nothing to manage yet: choose a plan first." });
  const session = await askGateway((stripe) =>
    stripe.billingPortal.sessions.create({ customer: customer.stripeCustomerId, return_url: new URL(`/w/${actor.workspace.slug}/billing`, env.APP_URL).toString() }),
  );
  return { url: session.url };
}
