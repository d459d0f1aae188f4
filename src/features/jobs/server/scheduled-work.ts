import "server-only";
import type { Db } from "@/server/db/client";
import { sweepOutbox } from "@/server/outbox/relay";
import { RETENTION_STEPS } from "./retention/steps";
import { SCHEDULES, type Schedule } from "./schedules";

export type ScheduledStep = { name: string; run: (db: Db, now: Date) => Promise<unknown> };

/**
 * What each cron does, step by step. With Inngest each step is a `step.run` of the cron
 * function (jobs.ts); without it the inline scheduler runs the same steps in order. Either
 * way the run ends with the schedule's heartbeat.
 */
export const SCHEDULED_WORK: readonly { schedule: Schedule; steps: readonly ScheduledStep[] }[] = [
  { schedule: SCHEDULES.relayOutbox, steps: [{ name: "sweep", run: (db) => sweepOutbox(db) }] },
  { schedule: SCHEDULES.retentionCleanup, steps: RETENTION_STEPS },
];
