import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * The newest requests each signed-in user made in the app (tRPC and the other route handlers),
 * for the admin user page: support asks "what went wrong?" and quotes a request id to the logs.
 * Written in batches by `server/http/recent-requests.ts`, trimmed there to the newest few per
 * user; only the path, never a query string or body.
 */
export const userRecentRequests = pgTable(
  "user_recent_requests",
  {
    /** Newest first is `created_at desc, id desc`: the id breaks ties in the order requests were recorded. */
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The `x-request-id` the response carried (and every log line of the request). */
    requestId: text("request_id").notNull(),
    method: text("method").notNull(),
    /** The path without its query: for tRPC it names the procedures (`/api/trpc/feedback.setVote`). */
    path: text("path").notNull(),
    status: integer("status").notNull(),
    /** The staff member, when the request was made while impersonating this user. */
    impersonatorId: uuid("impersonator_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("user_recent_requests_user_id_idx").on(t.userId, t.createdAt, t.id), index("user_recent_requests_impersonator_id_idx").on(t.impersonatorId)],
);
