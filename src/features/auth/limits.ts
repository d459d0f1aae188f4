/**
 * Account field bounds, without zod: forms on public pages import these for their hints
 * (decision 041). schemas.ts builds the validating schemas from them. Mirrors
 * server/auth/password.ts (which is server-only).
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
export const EMAIL_MAX = 254;
export const DISPLAY_NAME_MAX = 80;
