/**
 * Admin console values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */
import type { LengthRule } from "@/lib/text-length";

/** Every staff action says why; the reason goes to the staff audit log and the user's security log. */
export const STAFF_REASON: LengthRule = { min: 3, max: 500, tooShort: "Give a reason (at least 3 characters)", tooLong: "Reason must be at most 500 characters" };
