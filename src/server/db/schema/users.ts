import { sql } from "drizzle-orm";
import { boolean, check, customType, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestamps } from "./columns";

const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value),
  fromDriver: (value) => new Uint8Array(value),
});

export const STAFF_ROLES = ["support", "product", "admin"] as const;

export const users = pgTable(
  "users",
  {
    id: id(),
    /** Stored lower-cased; unique. */
    email: text("email").notNull(),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true, mode: "date" }),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** TOTP key, AES-256-GCM encrypted under APP_SECRET; null until 2FA is confirmed. */
    totpKeyEncrypted: bytea("totp_key_encrypted"),
    staffRole: text("staff_role", { enum: STAFF_ROLES }),
    /** Set by staff (admin console): a locked account is refused at sign-in and has no sessions. */
    lockedAt: timestamp("locked_at", { withTimezone: true, mode: "date" }),
    lockedReason: text("locked_reason"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    // Admin search (pg_trgm, migration 0017): substring and fuzzy matches on address and name.
    // Prefix matches first (btree, pattern ops so LIKE 'abc%' uses it under any collation).
    index("users_email_prefix_idx").on(sql`${t.email} text_pattern_ops`),
    index("users_email_trgm_idx").using("gin", sql`${t.email} gin_trgm_ops`),
    index("users_display_name_trgm_idx").using("gin", sql`lower(${t.displayName}) gin_trgm_ops`),
    // A query with an "@" is found by its local part's end (decision 052): an address contains
    // "l@d" exactly when its local part ends with "l" and its domain starts with "d".
    index("users_email_local_reversed_idx").on(sql`reverse(split_part(${t.email}, '@', 1)) text_pattern_ops`),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email})`),
    check("users_staff_role_valid", sql`${t.staffRole} is null or ${t.staffRole} in ('support', 'product', 'admin')`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 (hex) of the cookie token: a database leak yields no usable session. */
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    twoFactorVerified: boolean("two_factor_verified").notNull().default(false),
    /** Staff only: when the password (and second factor) was last re-entered for admin mode. */
    adminModeAt: timestamp("admin_mode_at", { withTimezone: true, mode: "date" }),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId), index("sessions_expires_at_idx").on(t.expiresAt)],
);

export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: id(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_id_idx").on(t.userId)],
);

export const AUTH_TOKEN_PURPOSES = ["verify_email", "reset_password", "change_email"] as const;

/** Single-use, hashed, expiring tokens for links and codes sent by email. */
export const authTokens = pgTable(
  "auth_tokens",
  {
    id: id(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: AUTH_TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The address the token proves (the new address, for change_email). */
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("auth_tokens_token_hash_unique").on(t.tokenHash),
    index("auth_tokens_user_id_idx").on(t.userId),
    index("auth_tokens_expires_at_idx").on(t.expiresAt),
    check("auth_tokens_purpose_valid", sql`${t.purpose} in ('verify_email', 'reset_password', 'change_email')`),
  ],
);

/** Append-only (a trigger refuses updates): what happened to an account, shown to its owner and staff. */
export const securityEvents = pgTable(
  "security_events",
  {
    id: id(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** For failed sign-ins of unknown accounts: the address tried (never shown to other users). */
    email: text("email"),
    details: text("details"),
    createdAt: createdAt(),
  },
  (t) => [index("security_events_user_id_id_idx").on(t.userId, t.id)],
);
