import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { text } from "@/lib/text";
import { OUTBOX_STATES, RUN_STATUSES } from "./constants";
export * from "./constants";

export const heartbeat = z.object({
  name: z.string(),
  lastBeatAt: z.date().nullable(),
  expectedEverySeconds: z.number(),
  overdue: z.boolean(),
});

export const jobsOverview = z.object({
  mode: z.enum(["inline", "dev", "cloud"]),
  /** Where runs are inspected when this app can't list them (cloud), else null. */
  dashboardUrl: z.string().nullable(),
  /** True when runs can be listed here (the local dev server). */
  runsAvailable: z.boolean(),
  ok: z.boolean(),
  detail: z.string(),
  lagThresholdSeconds: z.number(),
  outboxLagSeconds: z.number().nullable(),
  queueLagSeconds: z.number().nullable(),
  deadLettered: z.number(),
  runCounts: z.record(z.string(), z.number()).nullable(),
  heartbeats: z.array(heartbeat),
});
export type JobsOverview = z.infer<typeof jobsOverview>;

export const listRunsInput = z.object({
  status: z.enum(RUN_STATUSES).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});
const jsonValue = z.unknown();
export const runSummary = z.object({
  id: z.string(),
  functionId: z.string(),
  status: z.enum(RUN_STATUSES),
  eventName: z.string(),
  payload: jsonValue,
  /** Steps the run has (memoized ones included); null when the dev server didn't say. */
  stepCount: z.number().nullable(),
  /** Calls the engine made to /api/inngest for this run: one per step or more, plus retries. */
  calls: z.number(),
  error: z.string().nullable(),
  replayOf: z.string().nullable(),
  createdAt: z.date(),
  endedAt: z.date().nullable(),
});
export type RunSummary = z.infer<typeof runSummary>;
export const listRunsOutput = z.object({ runs: z.array(runSummary) });

export const getRunInput = z.object({ id: text("Run").min(1).max(100) });
export const runDetail = runSummary.extend({
  output: jsonValue,
  steps: z.array(z.object({ id: z.string(), name: z.string().nullable(), status: z.string(), attempts: z.number(), error: z.string().nullable() })),
});

export const listOutboxInput = z.object({
  state: z.enum(OUTBOX_STATES).default("dead_lettered"),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: idSchema.nullish(),
});
/** An outbox row for staff: who and what, never the body (reset and sign-in links live there). */
export const outboxRow = z.object({
  id: idSchema,
  kind: z.string(),
  to: z.string().nullable(),
  subject: z.string().nullable(),
  attempts: z.number(),
  relayAttempts: z.number(),
  replays: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  relayedAt: z.date().nullable(),
  sentAt: z.date().nullable(),
  deadLetteredAt: z.date().nullable(),
});
export type OutboxRow = z.infer<typeof outboxRow>;
export const listOutboxOutput = z.object({ items: z.array(outboxRow), nextCursor: idSchema.nullable() });

export const replayEmailInput = z.object({ outboxId: idSchema });
export const replayEmailResult = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("replayed"), via: z.enum(["inngest", "inline"]) }),
  z.object({ kind: z.literal("not_dead_lettered") }),
]);
export type ReplayEmailResult = z.infer<typeof replayEmailResult>;

export const replayRunInput = z.object({ runId: text("Run").min(1).max(100) });
export const replayRunResult = z.object({ runId: z.string() });
