/**
 * Flag values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */

/** Realtime event on the flags channel: which flag changed (clients refetch their own values). */
export const FLAG_CHANGED_EVENT = "flags.changed";
