import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { selectCreditGrants } from "./credit-queries";
import { selectWorkspaceIntents } from "./intent-queries";
import { selectCustomer, selectSubscription, selectWorkspaceBySlug } from "./subscription-queries";
import { toSubscriptionDto } from "./to-dto";
import { selectWorkspaceWebhookEvents } from "./webhook-queries";

/** Support's read-only view of one workspace's billing: state, intents, webhook ledger, credits. */
export async function getStaffBilling(input: { workspaceSlug: string }, _actor: { userId: string }, db: DbOrTx) {
  const workspace = await selectWorkspaceBySlug(db, input.workspaceSlug);
  if (!workspace) throw new AppError("NOT_FOUND", { userMessage: `No workspace at “${input.workspaceSlug}”.` });
  const [customer, sub, intents, webhookEvents, credits] = await Promise.all([
    selectCustomer(db, workspace.id),
    selectSubscription(db, workspace.id),
    selectWorkspaceIntents(db, workspace.id, 50),
    selectWorkspaceWebhookEvents(db, workspace.id, 50),
    selectCreditGrants(db, workspace.id),
  ]);
  return {
    workspace,
    customerId: customer?.stripeCustomerId ?? null,
    subscription: sub ? toSubscriptionDto(sub) : null,
    intents: intents.map((i) => ({ id: i.id, kind: i.kind, status: i.status, attempts: i.attempts, error: i.error, createdAt: i.createdAt, settledAt: i.settledAt })),
    webhookEvents: webhookEvents.map((e) => ({ id: e.id, type: e.type, status: e.status, eventCreatedAt: e.eventCreatedAt, receivedAt: e.receivedAt, processedAt: e.processedAt, error: e.error })),
    creditGrants: credits.map((c) => ({ id: c.id, amountCents: c.amountCents, reason: c.reason, createdAt: c.createdAt, settled: c.stripeBalanceTransactionId !== null })),
  };
}
