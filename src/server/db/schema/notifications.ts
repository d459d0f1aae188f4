import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

/** In-app notifications: one row per recipient, shown in the header bell. */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    /** The workspace it is about, if any: hidden while impersonating when that workspace turned support access off. */
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** An in-app path (never an external URL). */
    link: text("link"),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  // (user_id, id) serves the FK, the keyset list and the unread count.
  (t) => [index("notifications_user_id_id_idx").on(t.userId, t.id), index("notifications_workspace_id_idx").on(t.workspaceId)],
);

/**
 * What a person wants to hear about, by channel. No row means every default (true): a row is
 * written the first time they change something, from /account/notifications or an unsubscribe link.
 */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Emails when a post they voted for or wrote changes status. */
  feedbackStatusEmail: boolean("feedback_status_email").notNull().default(true),
  /** The bell's notification for the same. */
  feedbackStatusInApp: boolean("feedback_status_in_app").notNull().default(true),
  updatedAt: updatedAt(),
});
