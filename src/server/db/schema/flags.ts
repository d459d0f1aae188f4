import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, timestamps } from "./columns";
import { users } from "./users";

/**
 * Targeting per flag (the registry in src/lib/flags/registry.ts says what flags exist). No row:
 * the flag serves its code default. Every process caches all rows and reloads on NOTIFY
 * `feature_flags` (trigger in the migration), so evaluation never queries.
 */
export const featureFlags = pgTable(
  "feature_flags",
  {
    key: text("key").primaryKey(),
    /** { enabled, rules, rollout, fallthrough } as validated by targetingSchema(def). */
    targeting: jsonb("targeting").notNull(),
    killed: boolean("killed").notNull().default(false),
    killReason: text("kill_reason"),
    /** Optimistic concurrency: an edit names the version it started from. */
    version: integer("version").notNull().default(1),
    /** Since when the flag has served its "on" value to everyone (stale after 30 days). */
    fullRolloutSince: timestamp("full_rollout_since", { withTimezone: true, mode: "date" }),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [index("feature_flags_updated_by_idx").on(t.updatedBy)],
);

/** Named beta cohorts: a rule "cohort in (beta-testers)" matches their members. */
export const featureFlagCohortMembers = pgTable(
  "feature_flag_cohort_members",
  {
    cohort: text("cohort").notNull(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cohort, t.userId] }),
    index("feature_flag_cohort_members_user_id_idx").on(t.userId),
    index("feature_flag_cohort_members_added_by_idx").on(t.addedBy),
    check("feature_flag_cohort_members_name", sql`${t.cohort} ~ '^[a-z0-9][a-z0-9-]{0,39}$'`),
  ],
);

/** Sampled evaluation counts per flag, day and variant, written in batches (server/flags/evaluation-counter.ts). */
export const featureFlagEvaluations = pgTable(
  "feature_flag_evaluations",
  {
    flagKey: text("flag_key").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    variant: text("variant").notNull(),
    /** Estimated evaluations: sampled ones × the sampling rate's inverse. */
    count: bigint("count", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.flagKey, t.day, t.variant] })],
);
