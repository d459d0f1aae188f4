import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { users } from "./users";

export const SECURITY_RULE_KINDS = ["reserved_slug", "reserved_name", "blocked_email_domain", "blocked_ip_range", "link_domain"] as const;
export type SecurityRuleKind = (typeof SECURITY_RULE_KINDS)[number];
export const SECURITY_RULE_ACTIONS = ["refuse", "hold"] as const;
export type SecurityRuleAction = (typeof SECURITY_RULE_ACTIONS)[number];

/**
 * Rules staff edit without a deploy. Every process keeps all rows in memory and reloads on
 * NOTIFY `security_rules` (trigger in the migration), so a change applies everywhere within a
 * second. `value` is normalized by the operation (lower case; a CIDR for IP ranges). Only link
 * domains may be held for review; every other kind refuses.
 */
export const securityRules = pgTable(
  "security_rules",
  {
    id: id(),
    kind: text("kind", { enum: SECURITY_RULE_KINDS }).notNull(),
    value: text("value").notNull(),
    action: text("action", { enum: SECURITY_RULE_ACTIONS }).notNull().default("refuse"),
    note: text("note"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("security_rules_kind_value_unique").on(t.kind, t.value),
    index("security_rules_created_by_idx").on(t.createdBy),
    check("security_rules_kind_valid", sql`${t.kind} in ('reserved_slug', 'reserved_name', 'blocked_email_domain', 'blocked_ip_range', 'link_domain')`),
    check("security_rules_action_valid", sql`${t.action} = 'refuse' or (${t.action} = 'hold' and ${t.kind} = 'link_domain')`),
  ],
);
