import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { users } from "./users";

export const PREVIEW_STATES = ["queued", "building", "ready", "failed", "dead", "destroying", "destroyed"] as const;
export type PreviewState = (typeof PREVIEW_STATES)[number];
export const PREVIEW_STEP_STATUSES = ["pending", "running", "done", "failed", "skipped"] as const;

/**
 * A preview deployment of one commit. The pipeline (an Inngest function) moves it through its
 * steps; `preview_steps` holds each step's status, duration and the tail of its log.
 */
export const previews = pgTable(
  "previews",
  {
    id: id(),
    driver: text("driver", { enum: ["local", "github"] }).notNull(),
    ref: text("ref").notNull(),
    branch: text("branch"),
    commitSha: text("commit_sha").notNull(),
    state: text("state", { enum: PREVIEW_STATES }).notNull().default("queued"),
    currentStep: text("current_step"),
    failedStep: text("failed_step"),
    error: text("error"),
    port: integer("port"),
    url: text("url"),
    pid: integer("pid"),
    databaseName: text("database_name"),
    worktreePath: text("worktree_path"),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdByEmail: text("created_by_email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    readyAt: timestamp("ready_at", { withTimezone: true, mode: "date" }),
    destroyedAt: timestamp("destroyed_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("previews_state_idx").on(t.state, t.id),
    index("previews_created_by_id_idx").on(t.createdById),
    check("previews_state_valid", sql`${t.state} in ('queued', 'building', 'ready', 'failed', 'dead', 'destroying', 'destroyed')`),
    check("previews_driver_valid", sql`${t.driver} in ('local', 'github')`),
    check("previews_commit_sha_hex", sql`${t.commitSha} ~ '^[0-9a-f]{7,40}$'`),
  ],
);

export const previewSteps = pgTable(
  "preview_steps",
  {
    previewId: uuid("preview_id").notNull().references(() => previews.id, { onDelete: "cascade" }),
    step: text("step").notNull(),
    position: integer("position").notNull(),
    status: text("status", { enum: PREVIEW_STEP_STATUSES }).notNull().default("pending"),
    pid: integer("pid"),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
    logTail: text("log_tail").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.previewId, t.step] }), check("preview_steps_status_valid", sql`${t.status} in ('pending', 'running', 'done', 'failed', 'skipped')`)],
);

/**
 * A flag value staff set for one preview: the preview serves it to everyone, above targeting
 * (read from its runtime file, decision 037). Keys are the registry's, checked in code.
 */
export const previewFlagOverrides = pgTable(
  "preview_flag_overrides",
  {
    previewId: uuid("preview_id").notNull().references(() => previews.id, { onDelete: "cascade" }),
    flagKey: text("flag_key").notNull(),
    value: jsonb("value").notNull(),
    setById: uuid("set_by_id").references(() => users.id, { onDelete: "set null" }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.previewId, t.flagKey] }), index("preview_flag_overrides_set_by_id_idx").on(t.setById)],
);
