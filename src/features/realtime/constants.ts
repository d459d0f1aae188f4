/**
 * Realtime values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */

/** The SSE stream's named control events; ordinary events arrive as unnamed `message`s. */
export const SSE_CONTROL = { ready: "realtime.ready", refetch: "realtime.refetch", rotate: "realtime.rotate" } as const;
