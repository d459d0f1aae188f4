/**
 * Ping values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */
import type { LengthRule } from "@/lib/text-length";

/** A ping's label: the form checks it before the ping shows up (optimistically); the server's schema says the same. */
export const PING_LABEL: LengthRule = { min: 1, max: 80, tooShort: "Label can't be empty", tooLong: "Label must be at most 80 characters" };

/** Shared by the server prefetch and the client list so both address the same cache entry. */
export const PING_PAGE_SIZE = 10;

export const nextPingCursor = (page: { nextCursor: string | null }) => page.nextCursor;
