/**
 * Impersonation values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */
import type { LengthRule } from "@/lib/text-length";

/** Why a staff member looks through a user's eyes (or extends, or makes changes): shown to the user. */
export const IMPERSONATION_REASON: LengthRule = { min: 5, max: 300, tooShort: "Say why, in at least 5 characters", tooLong: "At most 300 characters" };
