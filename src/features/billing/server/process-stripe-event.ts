import "server-only";
import type { Db } from "@/server/db/client";
import { selectWorkspaceIdByCustomer } from "./subscription-queries";
import { syncWorkspaceBilling, type SyncResult } from "./sync-workspace-billing";
import { markWebhookEvent, recordWebhookAttemptFailure, selectWebhookEvent } from "./webhook-queries";

/**
 * Event types that can change what a workspace is entitled to or what the billing page shows:
 * each triggers a sync (re-read from the gateway). Everything else the lifecycle emits
 * (payment_intent.*, charge.*, invoice.created/finalized/upcoming, …) is recorded as ignored.
 */
export const SYNC_EVENT_TYPES = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.paused",
  "customer.subscription.resumed",
  "customer.subscription.pending_update_applied",
  "customer.subscription.pending_update_expired",
  "customer.subscription.trial_will_end",
  "customer.updated",
  "invoice.paid",
  "invoice.payment_succeeded",
  "invoice.payment_failed",
  "invoice.payment_action_required",
  "invoice.marked_uncollectible",
  "payment_method.attached",
]);

export type ProcessResult = { outcome: "processed"; sync: SyncResult | null } | { outcome: "ignored" | "skipped"; reason: string };

/** Idempotent: a row already processed or ignored is skipped, and the sync itself is idempotent. */
export async function processStripeEvent(db: Db, eventId: string): Promise<ProcessResult> {
  const row = await selectWebhookEvent(db, eventId);
  if (!row) return { outcome: "skipped", reason: "unknown event" };
  if (row.status !== "received") return { outcome: "skipped", reason: `already ${row.status}` };
  if (!SYNC_EVENT_TYPES.has(row.type)) {
    await markWebhookEvent(db, eventId, { status: "ignored", error: null });
    return { outcome: "ignored", reason: `${row.type} doesn't change billing state` };
  }
  const workspaceId = row.stripeCustomerId ? await selectWorkspaceIdByCustomer(db, row.stripeCustomerId) : null;
  if (!workspaceId) {
    await markWebhookEvent(db, eventId, { status: "ignored", error: `no workspace for customer ${row.stripeCustomerId ?? "(none)"}` });
    return { outcome: "ignored", reason: "customer not ours" };
  }
  try {
    const sync = await syncWorkspaceBilling(db, workspaceId);
    await markWebhookEvent(db, eventId, { status: "processed", workspaceId });
    return { outcome: "processed", sync };
  } catch (error) {
    await recordWebhookAttemptFailure(db, eventId, String(error));
    throw error;
  }
}
