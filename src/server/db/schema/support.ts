import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestamps } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const SUPPORT_TICKET_STATUSES = ["open", "waiting", "solved"] as const;
export type SupportTicketStatus = (typeof SUPPORT_TICKET_STATUSES)[number];
export const SUPPORT_MESSAGE_KINDS = ["customer", "reply", "note"] as const;
export type SupportMessageKind = (typeof SUPPORT_MESSAGE_KINDS)[number];

/**
 * A conversation with support. Filed signed out too (the person who can't sign in is the one
 * who writes), so the address is what it's about; `user_id` is set when it was filed signed in
 * or the address belongs to an account. Not tenant-owned: the workspace is context, not scope.
 */
export const supportTickets = pgTable(
  "support_tickets",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    subject: text("subject").notNull(),
    status: text("status", { enum: SUPPORT_TICKET_STATUSES }).notNull().default("open"),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "set null" }),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** What the app attached when filed signed in: page, recent request ids, browser. */
    context: jsonb("context").notNull().default({}),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    ...timestamps(),
  },
  (t) => [
    index("support_tickets_status_idx").on(t.status, t.id),
    index("support_tickets_user_id_idx").on(t.userId, t.id),
    index("support_tickets_workspace_id_idx").on(t.workspaceId),
    index("support_tickets_assignee_id_idx").on(t.assigneeId, t.id),
    index("support_tickets_email_idx").on(t.email),
    check("support_tickets_status_valid", sql`${t.status} in ('open', 'waiting', 'solved')`),
  ],
);

/** The customer's messages, staff replies (emailed and shown in-app) and internal notes (staff only). */
export const supportMessages = pgTable(
  "support_messages",
  {
    id: id(),
    ticketId: uuid("ticket_id").notNull().references(() => supportTickets.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: SUPPORT_MESSAGE_KINDS }).notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    /** As it was when written (staff leave; the thread stays readable). */
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("support_messages_ticket_id_idx").on(t.ticketId, t.id),
    index("support_messages_author_id_idx").on(t.authorId),
    check("support_messages_kind_valid", sql`${t.kind} in ('customer', 'reply', 'note')`),
  ],
);
