/** How long a password (and second factor) re-entered for admin mode keeps staff writes open. */
export const ADMIN_MODE_TTL_MS = 15 * 60 * 1000;

/** `reason` of the error a staff write gets without admin mode; the client answers it with the password dialog. */
export const ADMIN_MODE_REQUIRED = "admin_mode_required";

/**
 * The admin console's `adminMutation`, as another feature's UI receives it from app/ (a feature's
 * UI may not import admin's): the same mutation options, retried once through the password dialog.
 */
export type AdminWrite = <O extends { mutationFn?: (...args: never[]) => Promise<unknown> }>(options: O) => O;
