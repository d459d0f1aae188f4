import "server-only";
import { z } from "zod";
import { clearedImpersonationCookie, impersonationCookie } from "@/server/auth/cookies";
import type { ActiveImpersonation } from "@/server/auth/request-session";
import { AppError } from "@/server/errors";
import type { RateLimitRule } from "@/server/rate-limit/consume";
import type { TrpcContext } from "@/server/trpc/context";
import { router } from "@/server/trpc/init";
import { adminWriteProcedure, publicProcedure, rateLimit, workspaceProcedure } from "@/server/trpc/tiers";
import { getAdminMode } from "@/features/admin/server/admin-mode";
import { workspaceActorFrom } from "@/features/workspaces/server/actor";
import {
  enableWriteModeInput,
  enableWriteModeOutput,
  extendImpersonationInput,
  extendImpersonationOutput,
  impersonationStatus,
  setWorkspaceSupportAccessInput,
  startImpersonationInput,
  startImpersonationOutput,
  stopImpersonationOutput,
  workspaceSupportAccess,
} from "../schemas";
import type { StaffActor } from "./actor";
import { enableWriteMode } from "./enable-write-mode";
import { extendImpersonation } from "./extend-impersonation";
import { startImpersonation } from "./start-impersonation";
import { stopImpersonation } from "./stop-impersonation";
import { getSupportAccess, setSupportAccess } from "./support-access";

const IMPERSONATION_CHANGES: RateLimitRule = { name: "impersonation-changes", limit: 30, windowSeconds: 15 * 60 };

const impersonatorOf = (imp: ActiveImpersonation, ctx: TrpcContext): StaffActor => ({
  userId: imp.impersonator.id,
  email: imp.impersonator.email,
  displayName: imp.impersonator.displayName,
  sessionId: imp.staffSessionId,
  ip: ctx.ip,
  userAgent: ctx.userAgent,
});

/** The staff member behind the current impersonation (the viewer is the impersonated user). */
const impersonatorProcedure = publicProcedure.use(rateLimit(IMPERSONATION_CHANGES)).use(({ ctx, next }) => {
  if (!ctx.impersonation || !ctx.viewer) throw new AppError("FORBIDDEN", { userMessage: "You are not impersonating anyone (it may have expired)." });
  return next({ ctx: { ...ctx, impersonation: ctx.impersonation, target: ctx.viewer, actor: impersonatorOf(ctx.impersonation, ctx) } });
});

function setCookie(ctx: TrpcContext, value: string) {
  ctx.resHeaders?.append("Set-Cookie", value);
}

export const impersonationRouter = router({
  /** The banner's state: null when nobody is being impersonated (then it costs no query). */
  current: publicProcedure.output(impersonationStatus.nullable()).query(async ({ ctx }) => {
    const imp = ctx.impersonation;
    if (!imp || !ctx.viewer) return null;
    return {
      adminMode: await getAdminMode({ userId: imp.impersonator.id, sessionId: imp.staffSessionId }, ctx.db),
      user: { id: ctx.viewer.userId, displayName: ctx.viewer.displayName, email: ctx.viewer.email },
      impersonator: { displayName: imp.impersonator.displayName },
      mode: imp.mode,
      reason: imp.reason,
      expiresAt: imp.expiresAt,
      extended: imp.extended,
    };
  }),

  /** Needs admin mode (password re-entered within 15 minutes), like every staff write. */
  start: adminWriteProcedure("support")
    .use(rateLimit(IMPERSONATION_CHANGES))
    .input(startImpersonationInput)
    .output(startImpersonationOutput)
    .mutation(async ({ ctx, input }) => {
      const actor: StaffActor = { userId: ctx.viewer.userId, email: ctx.viewer.email, displayName: ctx.viewer.displayName, sessionId: ctx.viewer.sessionId, ip: ctx.ip, userAgent: ctx.userAgent };
      const started = await startImpersonation(input, actor, ctx.db);
      setCookie(ctx, impersonationCookie(started.token, new Date(started.expiresAt.getTime() + 15 * 60 * 1000)));
      return { redirectTo: started.redirectTo, expiresAt: started.expiresAt };
    }),

  extend: impersonatorProcedure
    .input(extendImpersonationInput)
    .output(extendImpersonationOutput)
    .mutation(({ ctx, input }) => extendImpersonation(input, ctx.impersonation, ctx.target.userId, ctx.actor, ctx.db)),

  enableWrite: impersonatorProcedure
    .input(enableWriteModeInput)
    .output(enableWriteModeOutput)
    .mutation(({ ctx, input }) => enableWriteMode(input, ctx.impersonation, ctx.target.userId, ctx.actor, ctx.db)),

  /** Also clears a cookie whose impersonation already expired, so Stop always gets staff back. */
  stop: publicProcedure
    .input(z.undefined())
    .output(stopImpersonationOutput)
    .mutation(async ({ ctx }) => {
      setCookie(ctx, clearedImpersonationCookie());
      const imp = ctx.impersonation;
      if (!imp || !ctx.viewer) return { redirectTo: "/admin" };
      return stopImpersonation(imp, ctx.viewer.userId, impersonatorOf(imp, ctx), ctx.db);
    }),

  workspaceSupportAccess: workspaceProcedure("admin")
    .output(workspaceSupportAccess)
    .query(({ ctx }) => getSupportAccess(workspaceActorFrom(ctx), ctx.db)),

  setWorkspaceSupportAccess: workspaceProcedure("admin")
    .input(setWorkspaceSupportAccessInput)
    .output(workspaceSupportAccess)
    .mutation(({ ctx, input }) => setSupportAccess(input, workspaceActorFrom(ctx), ctx.db)),
});
