/**
 * Job console values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */

export const RUN_STATUSES = ["queued", "running", "sleeping", "waiting", "completed", "failed", "cancelled"] as const;

export const OUTBOX_STATES = ["dead_lettered", "pending", "sent"] as const;

export const nextOutboxCursor = (page: { nextCursor: string | null }) => page.nextCursor;

/** Shared by the server prefetch and the client lists so both address the same cache entry. */
export const OUTBOX_PAGE_SIZE = 20;

export const outboxQueryInput = (state: (typeof OUTBOX_STATES)[number]) => ({ state, limit: OUTBOX_PAGE_SIZE });

export const RUNS_LIMIT = 25;

export const runsQueryInput = (status: (typeof RUN_STATUSES)[number] | null) => ({ status, limit: RUNS_LIMIT });
