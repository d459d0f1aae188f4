import "server-only";
import { AppError } from "@/server/errors";
import { setRequestActor } from "@/server/logging/context";
import { clientIp } from "@/server/http/client-ip";
import { consumeRateLimit, type RateLimitRule } from "@/server/rate-limit/consume";
import { baseProcedure } from "./init";
import type { Viewer } from "./context";

/** Anyone, signed in or not. */
export const publicProcedure = baseProcedure;

/** A signed-in user; handlers receive a non-null `ctx.viewer`. */
export const authedProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new AppError("UNAUTHORIZED", { userMessage: "Sign in to continue." });
  setRequestActor({ userId: ctx.viewer.userId });
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

const STAFF_RANK = { support: 1, product: 2, admin: 3 } as const;
export type StaffRole = keyof typeof STAFF_RANK;

/** Support staff and up; `staffProcedure("admin")` admits admins only. */
export function staffProcedure(minimum: StaffRole) {
  return authedProcedure.use(({ ctx, next }) => {
    const role = (ctx.viewer as Viewer).staffRole;
    if (!role || STAFF_RANK[role] < STAFF_RANK[minimum]) {
      throw new AppError("FORBIDDEN", { userMessage: "This needs staff access." });
    }
    return next({ ctx: { ...ctx, staffRole: role } });
  });
}

/**
 * Adds a Postgres-backed limit per client IP (and per user when signed in) to a procedure.
 * A limited call fails with 429 and says when to try again.
 */
export function rateLimited<P extends typeof publicProcedure>(procedure: P, rule: RateLimitRule) {
  return procedure.use(async ({ ctx, next }) => {
    const subject = ctx.viewer ? `user:${ctx.viewer.userId}` : `ip:${clientIp(ctx.headers)}`;
    const result = await consumeRateLimit(ctx.db, rule, subject);
    if (!result.allowed) {
      throw new AppError("TOO_MANY_REQUESTS", {
        userMessage: `Too many attempts. Try again in ${formatWait(result.retryAfterSeconds)}.`,
        retryAfterSeconds: result.retryAfterSeconds,
      });
    }
    return next();
  });
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
