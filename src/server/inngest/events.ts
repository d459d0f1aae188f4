import "server-only";
import { eventType } from "inngest";
import { z } from "zod";

/**
 * Every event the app sends or reacts to, declared once: name + zod payload. Functions use
 * these as triggers (the SDK validates incoming data against the schema before the handler
 * runs) and senders build events with `.create(data, { id })`. Payloads carry ids, never
 * content: the handler reads the current row.
 */

/** An outbox email is ready to send. Event id = outbox id (`:replay-N` after a staff replay). */
export const emailRequested = eventType("app/email.requested", { schema: z.object({ outboxId: z.uuid() }) });

/** A data export row was queued; `build-data-export` builds it. Event id = export id. */
export const exportRequested = eventType("app/export.requested", { schema: z.object({ exportId: z.uuid() }) });

/** A verified Stripe webhook event is in the ledger. Event id = the Stripe event id (a redelivery is dropped). */
export const stripeEventReceived = eventType("billing/stripe.event.received", { schema: z.object({ eventId: z.string().min(1) }) });

/** A subscription went past_due: the grace timer sleeps until `graceEndsAt`. Event id = workspace + grace end. */
export const gracePeriodStarted = eventType("billing/grace.started", { schema: z.object({ workspaceId: z.uuid(), graceEndsAt: z.string() }) });

/** The overdue invoice was paid: cancels the workspace's grace timer. */
export const gracePeriodEnded = eventType("billing/grace.ended", { schema: z.object({ workspaceId: z.uuid() }) });

/** Outbox `kind` → the event the relay sends for it. A new kind without an event fails typecheck. */
export const OUTBOX_EVENTS = { email: emailRequested } as const;
export type OutboxKind = keyof typeof OUTBOX_EVENTS;

/** Run (or resume) a preview's pipeline; `fromStep` names the step a retry starts at. Event id = preview id + attempt. */
export const previewRequested = eventType("app/preview.requested", { schema: z.object({ previewId: z.uuid(), fromStep: z.string().optional() }) });

/** A preview's time to live moved; the sleeping pipeline wakes and sleeps again until the new expiry. */
export const previewExtended = eventType("app/preview.extended", { schema: z.object({ previewId: z.uuid() }) });

/** "Destroy now": cancels the preview's sleeping pipeline; `teardown-preview` tears it down. */
export const previewDestroyRequested = eventType("app/preview.destroy-requested", { schema: z.object({ previewId: z.uuid() }) });

/** The GitHub workflow reported its end (callback): the pipeline's wait ends. Event id = preview id + outcome. */
export const previewReported = eventType("app/preview.reported", { schema: z.object({ previewId: z.uuid(), outcome: z.enum(["ready", "failed"]) }) });
