import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { rateLimitBuckets } from "@/server/db/schema";

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };
/** Buckets older than this are deleted nightly (`retention-cleanup`), so no rule may count longer. */
export const MAX_RATE_LIMIT_WINDOW_SECONDS = 24 * 60 * 60;

export type RateLimitResult = { allowed: boolean; limit: number; remaining: number; resetAt: Date; retryAfterSeconds: number };

/**
 * Counts one hit against `rule` for `subject` in a single upsert, so concurrent requests
 * from many processes can't race past the limit; a window that has ended restarts at 1.
 */
export async function consumeRateLimit(db: DbOrTx, rule: RateLimitRule, subject: string, now = new Date()): Promise<RateLimitResult> {
  if (rule.windowSeconds > MAX_RATE_LIMIT_WINDOW_SECONDS) throw new Error(`rate limit "${rule.name}": windows longer than ${MAX_RATE_LIMIT_WINDOW_SECONDS} s would be cut short by retention-cleanup`);
  const key = `${rule.name}:${subject}`;
  const windowStart = sql`${now.toISOString()}::timestamptz`;
  const expired = sql`${rateLimitBuckets.windowStartedAt} <= ${windowStart} - make_interval(secs => ${rule.windowSeconds})`;
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, windowStartedAt: now, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${rateLimitBuckets.hits} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${windowStart} else ${rateLimitBuckets.windowStartedAt} end`,
      },
    })
    .returning({ hits: rateLimitBuckets.hits, windowStartedAt: rateLimitBuckets.windowStartedAt });
  const resetAt = new Date(row!.windowStartedAt.getTime() + rule.windowSeconds * 1000);
  const allowed = row!.hits <= rule.limit;
  return {
    allowed,
    limit: rule.limit,
    remaining: Math.max(0, rule.limit - row!.hits),
    resetAt,
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
  };
}

/**
 * The state of a bucket without counting a hit: for limits on failures only (sign-in
 * lockout), checked before the attempt and consumed only when the attempt fails.
 */
export async function peekRateLimit(db: DbOrTx, rule: RateLimitRule, subject: string, now = new Date()): Promise<RateLimitResult> {
  const [row] = await db
    .select({ hits: rateLimitBuckets.hits, windowStartedAt: rateLimitBuckets.windowStartedAt })
    .from(rateLimitBuckets)
    .where(sql`${rateLimitBuckets.key} = ${`${rule.name}:${subject}`}`);
  const resetAt = row ? new Date(row.windowStartedAt.getTime() + rule.windowSeconds * 1000) : now;
  const hits = row && resetAt.getTime() > now.getTime() ? row.hits : 0;
  const allowed = hits < rule.limit;
  return {
    allowed,
    limit: rule.limit,
    remaining: Math.max(0, rule.limit - hits),
    resetAt,
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
  };
}

/** Forgets a subject's hits (a successful sign-in clears its failures). */
export async function clearRateLimit(db: DbOrTx, rule: RateLimitRule, subject: string): Promise<void> {
  await db.delete(rateLimitBuckets).where(sql`${rateLimitBuckets.key} = ${`${rule.name}:${subject}`}`);
}
