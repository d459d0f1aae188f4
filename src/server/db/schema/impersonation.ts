import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { sessions, users } from "./users";

export const IMPERSONATION_MODES = ["read", "write"] as const;
export type ImpersonationMode = (typeof IMPERSONATION_MODES)[number];

/**
 * A staff member seeing the product as one user: its own session (cookie token hashed, like
 * `sessions`), linked to the staff member's session, which stays signed in underneath. Ends at
 * `expires_at` (15 minutes, extendable once), on Stop, or when the staff session goes.
 */
export const impersonationSessions = pgTable(
  "impersonation_sessions",
  {
    id: id(),
    /** SHA-256 (hex) of the impersonation cookie's token. */
    tokenHash: text("token_hash").notNull(),
    staffSessionId: text("staff_session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    staffUserId: uuid("staff_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    targetUserId: uuid("target_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    mode: text("mode", { enum: IMPERSONATION_MODES }).notNull().default("read"),
    writeReason: text("write_reason"),
    writeEnabledAt: timestamp("write_enabled_at", { withTimezone: true, mode: "date" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    extendReason: text("extend_reason"),
    extendedAt: timestamp("extended_at", { withTimezone: true, mode: "date" }),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("impersonation_sessions_token_hash_unique").on(t.tokenHash),
    index("impersonation_sessions_staff_session_id_idx").on(t.staffSessionId),
    index("impersonation_sessions_staff_user_id_idx").on(t.staffUserId, t.id),
    index("impersonation_sessions_target_user_id_idx").on(t.targetUserId, t.id),
    check("impersonation_sessions_mode_valid", sql`${t.mode} in ('read', 'write')`),
    check("impersonation_sessions_write_has_reason", sql`(${t.mode} = 'read') = (${t.writeReason} is null and ${t.writeEnabledAt} is null)`),
    check("impersonation_sessions_extend_complete", sql`(${t.extendedAt} is null) = (${t.extendReason} is null)`),
    check("impersonation_sessions_not_self", sql`${t.staffUserId} <> ${t.targetUserId}`),
  ],
);
