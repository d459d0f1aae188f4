import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

/**
 * What staff did, across workspaces: flag changes now, the support console later. Append-only
 * (a trigger refuses UPDATE and DELETE). The actor is kept by id and email as they were,
 * without a foreign key, so the record outlives the account.
 */
export const staffAuditLog = pgTable(
  "staff_audit_log",
  {
    id: id(),
    actorUserId: uuid("actor_user_id").notNull(),
    actorEmail: text("actor_email").notNull(),
    impersonatorId: uuid("impersonator_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    reason: text("reason"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [index("staff_audit_log_target_idx").on(t.targetType, t.targetId, t.id), index("staff_audit_log_actor_user_id_idx").on(t.actorUserId, t.id)],
);
