import "server-only";
import type { Db } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { executeIntent } from "./execute-intent";
import { claimDueIntents } from "./intent-queries";
import { processStripeEvent } from "./process-stripe-event";
import { selectExpiredGrace } from "./subscription-queries";
import { syncWorkspaceBilling } from "./sync-workspace-billing";
import { selectStaleReceived } from "./webhook-queries";

/** A request still making its own call is left alone this long. */
const INTENT_GRACE_MS = 30_000;
const WEBHOOK_GRACE_MS = 60_000;

/** Pending intents (a crash, an unreachable gateway): asked again with the same Idempotency-Key. */
export async function settlePendingIntents(db: Db, now = new Date()): Promise<{ succeeded: number; failed: number; pending: number }> {
  const counts = { succeeded: 0, failed: 0, pending: 0 };
  for (const intent of await claimDueIntents(db, now, new Date(now.getTime() - INTENT_GRACE_MS))) {
    try {
      counts[(await executeIntent(db, intent, now)).status]++;
    } catch (error) {
      counts.pending++;
      logger.error({ err: error, intentId: intent.id }, "billing intent settlement failed");
    }
  }
  return counts;
}

/** Webhook events accepted but whose processing never ran or failed: processed here. */
export async function processStaleWebhookEvents(db: Db, now = new Date()): Promise<{ processed: number }> {
  let processed = 0;
  for (const { id } of await selectStaleReceived(db, new Date(now.getTime() - WEBHOOK_GRACE_MS))) {
    try {
      await processStripeEvent(db, id);
      processed++;
    } catch (error) {
      logger.warn({ err: error, eventId: id }, "stale webhook event still failing");
    }
  }
  return { processed };
}

/** Past-due workspaces whose grace period ended drop to Free (the Inngest timer does it on time; this is the net). */
export async function expireGracePeriods(db: Db, now = new Date()): Promise<{ downgraded: number }> {
  let downgraded = 0;
  for (const { workspaceId } of await selectExpiredGrace(db, now)) {
    const result = await syncWorkspaceBilling(db, workspaceId, now);
    if (result?.plan === "free") downgraded++;
  }
  return { downgraded };
}
