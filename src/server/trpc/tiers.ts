import "server-only";
import { assertAdminMode } from "@/server/auth/admin-mode";
import { AppError } from "@/server/errors";
import { setRequestActor } from "@/server/logging/context";
import { clientIp } from "@/server/http/client-ip";
import { consumeRateLimit, type RateLimitRule } from "@/server/rate-limit/consume";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { workspaceSlugField } from "@/lib/text";
import { memberships, workspaces, type WorkspaceRole } from "@/server/db/schema";
import type { TrpcContext } from "./context";
import { baseProcedure, middleware } from "./init";

/** Anyone, signed in or not. */
export const publicProcedure = baseProcedure;

/** A signed-in user; handlers receive a non-null `ctx.viewer`. */
export const authedProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) {
    throw new AppError("UNAUTHORIZED", {
      userMessage: ctx.pendingTwoFactor ? "Enter the code from your authenticator app to finish signing in." : "Sign in to continue.",
    });
  }
  setRequestActor({ userId: ctx.viewer.userId, impersonatorId: ctx.viewer.impersonatorId ?? undefined });
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

const ROLE_RANK: Record<WorkspaceRole, number> = { member: 1, admin: 2, owner: 3 };

/**
 * A member of the workspace named by `input.workspaceSlug`, with at least `minimum` role.
 * Membership is loaded once (one indexed query) and narrows `ctx.workspace`. A non-member
 * gets NOT_FOUND, so workspace names can't be probed.
 */
export function workspaceProcedure(minimum: WorkspaceRole) {
  return authedProcedure.input(workspaceInput).use(async ({ ctx, input, next }) => {
    const [row] = await ctx.db
      .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, personal: workspaces.personal, role: memberships.role, allowSupportAccess: workspaces.allowSupportAccess })
      .from(workspaces)
      .innerJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, ctx.viewer.userId)))
      .where(eq(workspaces.slug, input.workspaceSlug));
    if (!row) throw new AppError("NOT_FOUND", { userMessage: "That workspace doesn't exist or you're not a member of it." });
    refuseOptedOutWorkspace(ctx, row);
    if (ROLE_RANK[row.role] < ROLE_RANK[minimum]) {
      throw new AppError("FORBIDDEN", { userMessage: `This needs the ${minimum} role in ${row.name}; you are ${row.role === "admin" ? "an" : "a"} ${row.role}.` });
    }
    setRequestActor({ userId: ctx.viewer.userId, workspaceId: row.id });
    const { allowSupportAccess: _, ...workspace } = row;
    return next({ ctx: { ...ctx, workspace } });
  });
}

/**
 * "Allow support to access this workspace" off: an impersonating staff member gets the same
 * NOT_FOUND a non-member would, with a message that says why.
 */
function refuseOptedOutWorkspace(ctx: { impersonation: TrpcContext["impersonation"] }, workspace: { allowSupportAccess: boolean }) {
  if (ctx.impersonation && !workspace.allowSupportAccess) {
    throw new AppError("NOT_FOUND", { userMessage: "This workspace has turned off support access, so it can't be opened while impersonating." });
  }
}

export const workspaceInput = z.object({
  workspaceSlug: workspaceSlugField,
});

/**
 * Anyone, signed in or not, addressing a workspace by slug — for features that serve
 * outsiders too (public feedback boards). It resolves the id only; the operation decides
 * access. An unknown slug is NOT_FOUND.
 */
export const workspaceBySlugProcedure = publicProcedure.input(workspaceInput).use(async ({ ctx, input, next }) => {
  const [row] = await ctx.db
    .select({ id: workspaces.id, plan: workspaces.plan, allowSupportAccess: workspaces.allowSupportAccess })
    .from(workspaces)
    .where(eq(workspaces.slug, input.workspaceSlug));
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "That workspace doesn't exist." });
  refuseOptedOutWorkspace(ctx, row);
  if (ctx.viewer) setRequestActor({ userId: ctx.viewer.userId, impersonatorId: ctx.viewer.impersonatorId ?? undefined, workspaceId: row.id });
  // The plan rides along (same row) so feature flags can target it without a query of their own.
  return next({ ctx: { ...ctx, workspaceId: row.id, workspacePlan: row.plan } });
});

const STAFF_RANK = { support: 1, product: 2, admin: 3 } as const;
export type StaffRole = keyof typeof STAFF_RANK;

/** Support staff and up; `staffProcedure("admin")` admits admins only. */
export function staffProcedure(minimum: StaffRole) {
  return authedProcedure.use(({ ctx, next }) => {
    const role = ctx.viewer.staffRole;
    if (!role || STAFF_RANK[role] < STAFF_RANK[minimum]) {
      throw new AppError("FORBIDDEN", { userMessage: "This needs staff access." });
    }
    return next({ ctx: { ...ctx, staffRole: role } });
  });
}

/**
 * A staff write: `staffProcedure(minimum)` plus admin mode (password re-entered within 15 minutes
 * on this session). Without it the call fails PRECONDITION_FAILED with reason
 * "admin_mode_required", which `withAdminMode` on the client answers with the password dialog.
 * Never through impersonation: the session acting is then the user's, not the staff member's.
 */
export function adminWriteProcedure(minimum: StaffRole) {
  return staffProcedure(minimum).use(async ({ ctx, next }) => {
    if (ctx.viewer.impersonatorId) throw new AppError("FORBIDDEN", { userMessage: "Staff changes can't be made while impersonating. Stop impersonating first." });
    await assertAdminMode(ctx.db, ctx.viewer.sessionId);
    return next();
  });
}

/**
 * A Postgres-backed limit per client IP (and per user when signed in), as a middleware that
 * fits any tier: `authedProcedure.use(rateLimit(rule))`. A limited call fails with 429 and
 * says when to try again.
 */
export function rateLimit(rule: RateLimitRule) {
  return middleware(async ({ ctx, next }) => {
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

/** `rateLimit(rule)` applied to a public procedure. */
export function rateLimited<P extends typeof publicProcedure>(procedure: P, rule: RateLimitRule) {
  return procedure.use(rateLimit(rule));
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** Password accepted, second factor owed: only the two-factor step of sign-in uses this. */
export const pendingTwoFactorProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.pendingTwoFactor) {
    throw new AppError(ctx.viewer ? "CONFLICT" : "UNAUTHORIZED", {
      userMessage: ctx.viewer ? "You're already signed in." : "Your sign-in expired. Sign in with your password again.",
    });
  }
  return next({ ctx: { ...ctx, pendingTwoFactor: ctx.pendingTwoFactor } });
});
