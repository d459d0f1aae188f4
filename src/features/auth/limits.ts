/**
 * Account field bounds, without zod: forms on public pages import these for their hints
 * (decision 041). schemas.ts builds the validating schemas from them. Mirrors
 * server/auth/password.ts (which is server-only).
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
export const EMAIL_MAX = 254;
export const DISPLAY_NAME_MAX = 80;

/** What a locked account is told at sign-in (the form links to /support beside it). */
export const ACCOUNT_LOCKED_MESSAGE = "This account is locked by Groundwork support. Contact support to find out why and how to unlock it.";
