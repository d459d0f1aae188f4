import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestamps } from "./columns";
import { PLAN_IDS } from "@/lib/plans";
import { users } from "./users";

export const WORKSPACE_ROLES = ["owner", "admin", "member"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const workspaces = pgTable(
  "workspaces",
  {
    id: id(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    personal: boolean("personal").notNull().default(false),
    /**
     * The effective plan (src/lib/plans.ts): what the subscription's status allows, written only by
     * billing's sync. Entitlement checks read it (and `seats`) from rows they load anyway; a change
     * NOTIFYs the API key caches (migration 0009).
     */
    plan: text("plan", { enum: PLAN_IDS }).notNull().default("free"),
    /** Paid seats (Team); null on plans not priced per seat. */
    seats: integer("seats"),
    /** "Allow support to access this workspace": when false, impersonating staff can't open it. */
    allowSupportAccess: boolean("allow_support_access").notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("workspaces_slug_unique").on(t.slug),
    index("workspaces_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
    index("workspaces_slug_trgm_idx").using("gin", sql`${t.slug} gin_trgm_ops`),
    check("workspaces_plan_valid", sql`${t.plan} in ('free', 'pro', 'team')`),
    check("workspaces_seats_positive", sql`${t.seats} is null or ${t.seats} > 0`),
    check("workspaces_slug_format", sql`${t.slug} ~ '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$'`),
  ],
);

/** At least one owner per workspace is enforced by a deferred constraint trigger (see migration). */
export const memberships = pgTable(
  "memberships",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: WORKSPACE_ROLES }).notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index("memberships_user_id_idx").on(t.userId),
    check("memberships_role_valid", sql`${t.role} in ('owner', 'admin', 'member')`),
  ],
);

export const invites = pgTable(
  "invites",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: WORKSPACE_ROLES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("invites_token_hash_unique").on(t.tokenHash),
    index("invites_workspace_id_idx").on(t.workspaceId),
    index("invites_invited_by_idx").on(t.invitedBy),
    check("invites_role_valid", sql`${t.role} in ('admin', 'member')`),
  ],
);

/** Append-only record of who did what in a workspace (a trigger refuses updates). */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    impersonatorId: uuid("impersonator_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_events_workspace_id_id_idx").on(t.workspaceId, t.id),
    index("audit_events_actor_user_id_idx").on(t.actorUserId),
    index("audit_events_impersonator_id_idx").on(t.impersonatorId),
  ],
);
