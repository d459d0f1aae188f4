import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { users } from "./users";

/** In-app notifications: one row per recipient, shown in the header bell. */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** An in-app path (never an external URL). */
    link: text("link"),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  // (user_id, id) serves the FK, the keyset list and the unread count.
  (t) => [index("notifications_user_id_id_idx").on(t.userId, t.id)],
);
