import "server-only";
import { cron } from "inngest";
import { db } from "@/server/db/client";
import { inngest } from "@/server/inngest/client";
import { emailRequested } from "@/server/inngest/events";
import { markEmailDeadLettered } from "@/server/mail/outbox";
import { deliverOutboxEmail } from "./deliver-outbox-email";
import { recordHeartbeat } from "./record-heartbeat";
import { SCHEDULED_WORK } from "./scheduled-work";
import { SCHEDULES, type Schedule } from "./schedules";

/** Thin functions: trigger, retries, one `step.run` per operation. Registered in server/inngest/functions.ts. */

export const deliverEmail = inngest.createFunction(
  {
    id: "deliver-email",
    retries: 4,
    triggers: [emailRequested],
    onFailure: async ({ event, error, step }) => {
      const { outboxId } = event.data.event.data as { outboxId: string };
      await step.run("dead-letter", () => markEmailDeadLettered(db, outboxId, error.message).then(() => ({ outboxId })));
    },
  },
  async ({ event, step }) => step.run("deliver", () => deliverOutboxEmail(db, event.data.outboxId)),
);

/** A cron: one `step.run` per scheduled step, then the heartbeat. */
function scheduledFunction({ schedule, steps }: (typeof SCHEDULED_WORK)[number]) {
  return inngest.createFunction({ id: schedule.name, triggers: [cron(schedule.cron)] }, async ({ step }) => {
    const results: Record<string, unknown> = {};
    for (const { name, run } of steps) results[name] = await step.run(name, () => run(db, new Date()));
    await step.run("heartbeat", () => recordHeartbeat(db, schedule));
    return results;
  });
}

const workFor = (schedule: Schedule) => SCHEDULED_WORK.find((w) => w.schedule === schedule)!;
export const relayOutboxSweep = scheduledFunction(workFor(SCHEDULES.relayOutbox));
export const retentionCleanup = scheduledFunction(workFor(SCHEDULES.retentionCleanup));
export const billingReconcile = scheduledFunction(workFor(SCHEDULES.billingReconcile));
export const billingUsage = scheduledFunction(workFor(SCHEDULES.billingUsage));
