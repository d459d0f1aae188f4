import { bigint, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/**
 * Every published live event, in publish order. The table is both the SSE fan-out source
 * (NOTIFY carries only the id; each app process reads the row) and the replay log a
 * reconnecting client reads from with `Last-Event-ID`. Rows are kept for a day.
 */
export const realtimeEvents = pgTable(
  "realtime_events",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    channel: text("channel").notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    clientMutationId: text("client_mutation_id"),
    createdAt: createdAt(),
  },
  (t) => [index("realtime_events_channel_id_idx").on(t.channel, t.id), index("realtime_events_created_at_idx").on(t.createdAt)],
);
