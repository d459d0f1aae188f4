import "server-only";
import type { UserActor } from "@/features/workspaces/server/actor";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { consumeRateLimit, type RateLimitRule } from "@/server/rate-limit/consume";

/**
 * Per user and per IP, counted inside the operations so tRPC, the REST API and jobs all
 * inherit them. The IP limit is looser: offices and schools share one address.
 */
export const FEEDBACK_RATE_LIMITS = {
  post: { user: { name: "feedback-post-user", limit: 10, windowSeconds: 600 }, ip: { name: "feedback-post-ip", limit: 30, windowSeconds: 600 } },
  comment: { user: { name: "feedback-comment-user", limit: 30, windowSeconds: 300 }, ip: { name: "feedback-comment-ip", limit: 90, windowSeconds: 300 } },
  vote: { user: { name: "feedback-vote-user", limit: 120, windowSeconds: 60 }, ip: { name: "feedback-vote-ip", limit: 600, windowSeconds: 60 } },
} satisfies Record<string, { user: RateLimitRule; ip: RateLimitRule }>;

const WHAT = { post: "posts", comment: "comments", vote: "votes" } as const;

export async function enforceFeedbackLimit(db: DbOrTx, kind: keyof typeof FEEDBACK_RATE_LIMITS, actor: UserActor): Promise<void> {
  const rules = FEEDBACK_RATE_LIMITS[kind];
  const checks = [consumeRateLimit(db, rules.user, `user:${actor.userId}`).then((result) => ({ rule: rules.user, result }))];
  if (actor.ip) checks.push(consumeRateLimit(db, rules.ip, `ip:${actor.ip}`).then((result) => ({ rule: rules.ip, result })));
  const refused = (await Promise.all(checks)).find((c) => !c.result.allowed);
  if (refused) {
    const wait = refused.result.retryAfterSeconds;
    throw new AppError("TOO_MANY_REQUESTS", {
      userMessage: `That's a lot of ${WHAT[kind]} in a short time. Try again in ${wait < 60 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`}.`,
      retryAfterSeconds: wait,
      rateLimit: refused.rule,
    });
  }
}
