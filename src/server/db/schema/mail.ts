import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

/**
 * Side effects written in the same transaction as the change that causes them, sent after
 * commit. The row id doubles as the idempotency key when the relay retries: it is the Inngest
 * event id (`server/outbox/relay.ts`), so a re-sent row never starts a second run.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: id(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    /** Accepted by the Inngest event API; null while the relay still owes the event. */
    relayedAt: timestamp("relayed_at", { withTimezone: true, mode: "date" }),
    relayAttempts: integer("relay_attempts").notNull().default(0),
    /** The sweeper leaves the row alone until then (backoff after a failed send, or a claim). */
    nextRelayAt: timestamp("next_relay_at", { withTimezone: true, mode: "date" }),
    /** Delivery gave up after its retries; staff can replay it from the Jobs page. */
    deadLetteredAt: timestamp("dead_lettered_at", { withTimezone: true, mode: "date" }),
    /** Bumped by each replay: a replay's event id must differ, or Inngest would dedupe it. */
    replays: integer("replays").notNull().default(0),
  },
  (t) => [
    index("outbox_unsent_idx").on(t.id).where(sql`${t.sentAt} is null`),
    index("outbox_unrelayed_idx").on(t.createdAt).where(sql`${t.relayedAt} is null and ${t.sentAt} is null and ${t.deadLetteredAt} is null`),
    index("outbox_dead_lettered_idx").on(t.deadLetteredAt).where(sql`${t.deadLetteredAt} is not null`),
    index("outbox_sent_at_idx").on(t.sentAt).where(sql`${t.sentAt} is not null`),
  ],
);

/** Where mail goes when SMTP is not configured; listed at /dev/mailbox. */
export const devMailbox = pgTable(
  "dev_mailbox",
  {
    id: id(),
    outboxId: text("outbox_id").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    /** Extra headers as sent (List-Unsubscribe…), so tests and the dev page can check them. */
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("dev_mailbox_to_idx").on(t.to, t.id), uniqueIndex("dev_mailbox_outbox_id_unique").on(t.outboxId)],
);
