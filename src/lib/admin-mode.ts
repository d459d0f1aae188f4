/** How long a password (and second factor) re-entered for admin mode keeps staff writes open. */
export const ADMIN_MODE_TTL_MS = 15 * 60 * 1000;

/** `reason` of the error a staff write gets without admin mode; the client answers it with the password dialog. */
export const ADMIN_MODE_REQUIRED = "admin_mode_required";
