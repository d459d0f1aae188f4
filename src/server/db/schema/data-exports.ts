import { sql } from "drizzle-orm";
import { check, customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { users } from "./users";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value),
});

export const DATA_EXPORT_STATUSES = ["queued", "running", "done", "failed"] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];

/** "Export my data": one row per request; the finished zip lives in `file` until `expires_at`. */
export const dataExports = pgTable(
  "data_exports",
  {
    id: id(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: DATA_EXPORT_STATUSES }).notNull().default("queued"),
    progress: integer("progress").notNull().default(0),
    step: text("step"),
    file: bytea("file"),
    size: integer("size"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    error: text("error"),
    /** Set by every progress report: an in-flight export whose heartbeat stops lost its runner. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("data_exports_user_id_id_idx").on(t.userId, t.id),
    // One export in flight per user, enforced here so two concurrent requests can't both start one.
    uniqueIndex("data_exports_one_active_per_user").on(t.userId).where(sql`${t.status} in ('queued', 'running')`),
    check("data_exports_status_valid", sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
    check("data_exports_progress_range", sql`${t.progress} between 0 and 100`),
  ],
);
