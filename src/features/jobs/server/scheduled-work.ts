import "server-only";
import type { Db } from "@/server/db/client";
import { failStaleExports } from "@/features/exports/server/fail-stale-exports";
import { sweepOutbox } from "@/server/outbox/relay";
import { expireGracePeriods, processStaleWebhookEvents, settlePendingIntents } from "@/features/billing/server/reconcile-billing";
import { reportApiUsage } from "@/features/billing/server/report-api-usage";
import { RETENTION_STEPS } from "./retention/steps";
import { SCHEDULES, type Schedule } from "./schedules";

export type ScheduledStep = { name: string; run: (db: Db, now: Date) => Promise<unknown> };

/**
 * What each cron does, step by step. With Inngest each step is a `step.run` of the cron
 * function (jobs.ts); without it the inline scheduler runs the same steps in order. Either
 * way the run ends with the schedule's heartbeat.
 */
export const SCHEDULED_WORK: readonly { schedule: Schedule; steps: readonly ScheduledStep[] }[] = [
  // Every minute: resend what the after-commit relay missed, and fail exports whose runner died.
  {
    schedule: SCHEDULES.relayOutbox,
    steps: [
      { name: "sweep", run: (db) => sweepOutbox(db) },
      { name: "fail-stale-exports", run: (db, now) => failStaleExports(db, now) },
    ],
  },
  { schedule: SCHEDULES.retentionCleanup, steps: RETENTION_STEPS },
  {
    schedule: SCHEDULES.billingReconcile,
    steps: [
      { name: "settle-intents", run: (db, now) => settlePendingIntents(db, now) },
      { name: "process-stale-webhooks", run: (db, now) => processStaleWebhookEvents(db, now) },
      { name: "expire-grace-periods", run: (db, now) => expireGracePeriods(db, now) },
    ],
  },
  { schedule: SCHEDULES.billingUsage, steps: [{ name: "report-usage", run: (db, now) => reportApiUsage(db, now) }] },
];
