/**
 * Account values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */

export const SECURITY_LOG_PAGE_SIZE = 20;

export const nextSecurityLogCursor = (page: { nextCursor: string | null }) => page.nextCursor;

/** What each event type reads as in the security log. */
export const SECURITY_EVENT_LABELS: Record<string, string> = {
  sign_up: "Account created",
  sign_in: "Signed in",
  sign_in_failed: "Failed sign-in attempt",
  sign_out: "Signed out",
  email_verified: "Email address verified",
  password_changed: "Password changed",
  password_reset: "Password reset by email",
  two_factor_enabled: "Two-factor authentication turned on",
  two_factor_disabled: "Two-factor authentication turned off",
  recovery_code_used: "Recovery code used",
  session_revoked: "Session signed out remotely",
  email_change_requested: "Email change requested",
  email_changed: "Email address changed",
  support_viewed: "Support viewed your account",
  support_write_mode: "Support turned on making changes for you",
  support_action: "Action by support",
};
