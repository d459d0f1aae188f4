import { MAX_RATE_LIMIT_WINDOW_SECONDS } from "@/server/rate-limit/consume";

/** How long rows outlive their usefulness before the nightly `retention-cleanup` deletes them. */
export const RETENTION = {
  /** Used/expired links keep answering "already used" / "expired" for a week, then read as invalid. */
  spentAuthTokensDays: 7,
  securityEventsDays: 365,
  sentOutboxDays: 30,
  /** No rule's window is longer (`consumeRateLimit` refuses one that is). */
  rateLimitBucketSeconds: MAX_RATE_LIMIT_WINDOW_SECONDS,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;
export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
