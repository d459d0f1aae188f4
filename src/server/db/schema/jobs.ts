import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per cron function: written at the end of every run, so /api/health can tell a
 * schedule that stopped firing from one that is merely quiet. A row is registered (no beat
 * yet) when Inngest syncs the app; its grace period counts from `registered_at`.
 */
export const jobHeartbeats = pgTable("job_heartbeats", {
  name: text("name").primaryKey(),
  lastBeatAt: timestamp("last_beat_at", { withTimezone: true, mode: "date" }),
  expectedEverySeconds: integer("expected_every_seconds").notNull(),
  registeredAt: timestamp("registered_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
