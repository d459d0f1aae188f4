import { customType, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value),
});

/**
 * A user deleted by staff: who, by whom, why, and the export made just before (the user's own
 * exports cascade away with the account, so the zip is kept here). No foreign keys: the record
 * outlives both accounts.
 */
export const accountDeletions = pgTable(
  "account_deletions",
  {
    id: id(),
    userId: uuid("user_id").notNull(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    deletedByUserId: uuid("deleted_by_user_id").notNull(),
    deletedByEmail: text("deleted_by_email").notNull(),
    reason: text("reason").notNull(),
    exportFile: bytea("export_file").notNull(),
    exportSize: integer("export_size").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("account_deletions_user_id_idx").on(t.userId), index("account_deletions_email_idx").on(t.email)],
);
