import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

/**
 * Side effects written in the same transaction as the change that causes them, sent after
 * commit. The row id doubles as the idempotency key when the relay retries.
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
  },
  (t) => [index("outbox_unsent_idx").on(t.id).where(sql`${t.sentAt} is null`)],
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
    createdAt: createdAt(),
  },
  (t) => [index("dev_mailbox_to_idx").on(t.to, t.id), uniqueIndex("dev_mailbox_outbox_id_unique").on(t.outboxId)],
);
