/**
 * Notification values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */

/** Realtime event types on `user:{id}`. */
export const NOTIFICATION_EVENTS = { created: "notification.created", read: "notification.read" } as const;

/** Shared by the server prefetch and the bell so both address the same cache entry. */
export const NOTIFICATION_PAGE_SIZE = 20;
