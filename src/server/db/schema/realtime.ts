import { sql } from "drizzle-orm";
import { bigint, customType, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/**
 * Every published live event, in publish order. The table is both the SSE fan-out source
 * (NOTIFY carries only the id; each app process reads the row) and the replay log a
 * reconnecting client reads from with `Last-Event-ID`. Rows are kept for a day.
 *
 * Ids are taken at insert but rows become visible at commit, so a slow transaction can
 * commit an id below one already delivered. `tx` and `snap` let replay find exactly those:
 * an event with a lower id that was not yet committed when event N was inserted has a `tx`
 * that N's snapshot doesn't see (docs/decisions/020).
 */
/** Postgres's 64-bit transaction id; compared in SQL only, so it travels as text. */
const xid8 = customType<{ data: string }>({ dataType: () => "xid8" });
/** A snapshot (`pg_current_snapshot()`): which transactions had committed when it was taken. */
const pgSnapshot = customType<{ data: string }>({ dataType: () => "pg_snapshot" });

export const realtimeEvents = pgTable(
  "realtime_events",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    channel: text("channel").notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    clientMutationId: text("client_mutation_id"),
    createdAt: createdAt(),
    tx: xid8("tx").notNull().default(sql`pg_current_xact_id()`),
    snap: pgSnapshot("snap").notNull().default(sql`pg_current_snapshot()`),
  },
  (t) => [
    index("realtime_events_channel_id_idx").on(t.channel, t.id),
    index("realtime_events_created_at_idx").on(t.createdAt),
    index("realtime_events_tx_idx").on(t.tx),
  ],
);
