import "server-only";
import { AppError } from "@/server/errors";
import { setRequestActor } from "@/server/logging/context";
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
