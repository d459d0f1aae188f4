import "server-only";
import { cron } from "inngest";
import { db } from "@/server/db/client";
import { inngest } from "@/server/inngest/client";
import { emailRequested } from "@/server/inngest/events";
import { sweepOutbox } from "@/server/outbox/relay";
import { markEmailDeadLettered } from "@/server/mail/outbox";
import { deliverOutboxEmail } from "./deliver-outbox-email";
import { recordHeartbeat } from "./record-heartbeat";
import { RETENTION_STEPS } from "./retention/steps";
import { SCHEDULES } from "./schedules";

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

export const relayOutboxSweep = inngest.createFunction(
  { id: SCHEDULES.relayOutbox.name, triggers: [cron(SCHEDULES.relayOutbox.cron)] },
  async ({ step }) => {
    const result = await step.run("sweep", () => sweepOutbox(db));
    await step.run("heartbeat", () => recordHeartbeat(db, SCHEDULES.relayOutbox));
    return result;
  },
);

export const retentionCleanup = inngest.createFunction(
  { id: SCHEDULES.retentionCleanup.name, triggers: [cron(SCHEDULES.retentionCleanup.cron)] },
  async ({ step }) => {
    const deleted: Record<string, number> = {};
    for (const { name, run } of RETENTION_STEPS) deleted[name] = await step.run(name, () => run(db, new Date()));
    await step.run("heartbeat", () => recordHeartbeat(db, SCHEDULES.retentionCleanup));
    return deleted;
  },
);
