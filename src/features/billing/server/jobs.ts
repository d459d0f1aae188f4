import "server-only";
import { db, type Db } from "@/server/db/client";
import { inngestMode } from "@/server/env";
import { inngest } from "@/server/inngest/client";
import { gracePeriodEnded, gracePeriodStarted, stripeEventReceived } from "@/server/inngest/events";
import { logger } from "@/server/logging/logger";
import { processStripeEvent } from "./process-stripe-event";
import { syncWorkspaceBilling } from "./sync-workspace-billing";

/** Processes one ledger row; one workspace's syncs wait for each other on its advisory lock (decision 030), not on an Inngest concurrency key. */
export const processStripeEventFn = inngest.createFunction(
  { id: "process-stripe-event", retries: 8, triggers: [stripeEventReceived] },
  async ({ event, step }) => {
    const result = await step.run("process", () => processStripeEvent(db, event.data.eventId));
    const sync = result.outcome === "processed" ? result.sync : null;
    if (sync?.transition === "grace_started" && sync.graceEndsAt) {
      await step.sendEvent("start-grace", gracePeriodStarted.create({ workspaceId: sync.workspaceId, graceEndsAt: new Date(sync.graceEndsAt).toISOString() }, { id: `grace:${sync.workspaceId}:${new Date(sync.graceEndsAt).toISOString()}` }));
    }
    if (sync?.transition === "recovered") {
      await step.sendEvent("end-grace", gracePeriodEnded.create({ workspaceId: sync.workspaceId }, { id: `grace-ended:${event.data.eventId}` }));
    }
    return result;
  },
);

/**
 * Dunning: sleeps until the grace period ends, then re-syncs, which downgrades to Free if the
 * invoice is still unpaid (the sync decides; a payment meanwhile cancels this run, and even if
 * that cancel were lost the sync would find the subscription active and change nothing).
 */
export const gracePeriodFn = inngest.createFunction(
  { id: "billing-grace-period", triggers: [gracePeriodStarted], cancelOn: [{ event: gracePeriodEnded, match: "data.workspaceId" }] },
  async ({ event, step }) => {
    await step.sleepUntil("grace", new Date(event.data.graceEndsAt));
    return step.run("downgrade-if-unpaid", () => syncWorkspaceBilling(db, event.data.workspaceId).then((r) => ({ plan: r?.plan ?? null })));
  },
);

/**
 * Hands a ledger row to processing. With Inngest: an event whose id is the Stripe event id (a
 * second send of the same id is dropped). Without: processed in this process right away. Either
 * way a row left `received` is picked up by the billing-reconcile cron.
 */
export async function processStripeEventLater(eventId: string, database: Db = db): Promise<void> {
  if (!inngestMode()) {
    // No timer to start here: without Inngest the billing-reconcile cron expires grace periods.
    void processStripeEvent(database, eventId).catch((error: unknown) => logger.warn({ err: error, eventId }, "stripe event processing failed; billing-reconcile retries it"));
    return;
  }
  try {
    await inngest.send(stripeEventReceived.create({ eventId }, { id: eventId }));
  } catch (error) {
    logger.warn({ err: error, eventId }, "could not send billing/stripe.event.received; billing-reconcile processes the event");
  }
}
