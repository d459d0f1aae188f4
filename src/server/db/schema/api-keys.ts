import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestamps } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const API_KEY_ENVIRONMENTS = ["live", "test"] as const;
export type ApiKeyEnvironment = (typeof API_KEY_ENVIRONMENTS)[number];

/**
 * One row per key. Only HMAC-SHA256(pepper, secret) is stored, plus `start` (the first
 * characters) so people can tell keys apart. A roll moves the current hash to `previous_*`,
 * which keeps verifying until `previous_expires_at`.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    environment: text("environment", { enum: API_KEY_ENVIRONMENTS }).notNull(),
    start: text("start").notNull(),
    secretHash: text("secret_hash").notNull(),
    previousSecretHash: text("previous_secret_hash"),
    previousExpiresAt: timestamp("previous_expires_at", { withTimezone: true, mode: "date" }),
    scopes: text("scopes").array().notNull(),
    rateLimitPerMinute: integer("rate_limit_per_minute"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("api_keys_secret_hash_unique").on(t.secretHash),
    uniqueIndex("api_keys_previous_secret_hash_unique").on(t.previousSecretHash),
    index("api_keys_workspace_id_id_idx").on(t.workspaceId, t.id),
    index("api_keys_created_by_idx").on(t.createdBy),
    check("api_keys_name_length", sql`char_length(${t.name}) between 1 and 80`),
    check("api_keys_environment_valid", sql`${t.environment} in ('live', 'test')`),
    check("api_keys_rate_limit_range", sql`${t.rateLimitPerMinute} is null or ${t.rateLimitPerMinute} between 1 and 100000`),
    check("api_keys_previous_pair", sql`(${t.previousSecretHash} is null) = (${t.previousExpiresAt} is null)`),
    check("api_keys_scopes_known", sql`${t.scopes} <@ array['boards:read', 'posts:read', 'posts:write', 'votes:write', 'comments:write', 'usage:read']::text[]`),
  ],
);

/** Requests per workspace per billing period (calendar month, UTC): what billing reads and the quota checks. */
export const apiUsagePeriods = pgTable(
  "api_usage_periods",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    requests: bigint("requests", { mode: "number" }).notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.periodStart] }), check("api_usage_periods_requests_nonnegative", sql`${t.requests} >= 0`)],
);

/** Per key, per day, per route: the dashboard's charts (requests, errors, latency sum). */
export const apiUsageDaily = pgTable(
  "api_usage_daily",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    apiKeyId: uuid("api_key_id").notNull().references(() => apiKeys.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    route: text("route").notNull(),
    requests: integer("requests").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    latencyMsTotal: bigint("latency_ms_total", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.apiKeyId, t.day, t.route] }),
    index("api_usage_daily_workspace_id_day_idx").on(t.workspaceId, t.day),
    check("api_usage_daily_counts_valid", sql`${t.requests} >= 0 and ${t.errors} between 0 and ${t.requests}`),
  ],
);

/**
 * Every authenticated /api/v1 request, written in batches (see usage-recorder.ts). No foreign
 * keys: their two checks were a third of Postgres's cost per row, paid on every API request
 * (decision 040). The writer locks each batch's keys once instead (FOR KEY SHARE), and a trigger
 * on api_keys deletes a key's rows with it (migration 0029), which is what the cascades did:
 * keys go only with their workspace, and `workspace_id` is always the key's.
 */
export const apiRequestLog = pgTable(
  "api_request_log",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull(),
    apiKeyId: uuid("api_key_id").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    route: text("route").notNull(),
    status: smallint("status").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    ip: text("ip"),
    requestId: text("request_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("api_request_log_workspace_id_id_idx").on(t.workspaceId, t.id),
    index("api_request_log_api_key_id_id_idx").on(t.apiKeyId, t.id),
    check("api_request_log_status_valid", sql`${t.status} between 100 and 599`),
    check("api_request_log_latency_nonnegative", sql`${t.latencyMs} >= 0`),
  ],
);

export const IDEMPOTENCY_STATES = ["in_progress", "completed"] as const;

/** Stripe-style `Idempotency-Key` records, scoped per API key, kept 24 hours. */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    apiKeyId: uuid("api_key_id").notNull().references(() => apiKeys.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    fingerprint: text("fingerprint").notNull(),
    state: text("state", { enum: IDEMPOTENCY_STATES }).notNull(),
    responseStatus: smallint("response_status"),
    responseBody: jsonb("response_body"),
    lockedAt: timestamp("locked_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.apiKeyId, t.key] }),
    index("api_idempotency_keys_workspace_id_idx").on(t.workspaceId),
    index("api_idempotency_keys_created_at_idx").on(t.createdAt),
    check("api_idempotency_keys_state_valid", sql`${t.state} in ('in_progress', 'completed')`),
    check("api_idempotency_keys_completed_has_response", sql`${t.state} <> 'completed' or ${t.responseStatus} is not null`),
    check("api_idempotency_keys_key_length", sql`char_length(${t.key}) between 1 and 255`),
  ],
);
