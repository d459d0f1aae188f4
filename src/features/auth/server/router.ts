import "server-only";
import { z } from "zod";
import { sessionCookie, clearedSessionCookie } from "@/server/auth/cookies";
import type { TrpcContext } from "@/server/trpc/context";
import { router } from "@/server/trpc/init";
import { authedProcedure, publicProcedure, rateLimited } from "@/server/trpc/tiers";
import {
  changePasswordInput,
  changePasswordOutput,
  confirmEmailChangeOutput,
  requestEmailChangeInput,
  requestEmailChangeOutput,
  requestPasswordResetInput,
  requestPasswordResetOutput,
  resendVerificationOutput,
  resetPasswordInput,
  resetPasswordOutput,
  securityLogInput,
  securityLogOutput,
  signedInResult,
  signInInput,
  signOutOutput,
  signUpInput,
  signUpOutput,
  tokenInput,
  verifyEmailOutput,
  viewerDto,
} from "../schemas";
import { changePassword } from "./change-password";
import { confirmEmailChange } from "./confirm-email-change";
import { listSecurityEvents } from "./list-security-events";
import type { SessionGrant } from "./policy";
import { requestEmailChange } from "./request-email-change";
import { requestPasswordReset } from "./request-password-reset";
import { resendVerification } from "./resend-verification";
import { resetPassword } from "./reset-password";
import { signIn } from "./sign-in";
import { signOut } from "./sign-out";
import { signUp } from "./sign-up";
import { verifyEmail } from "./verify-email";

const FIFTEEN_MINUTES = 15 * 60;
const meta = (ctx: TrpcContext) => ({ ip: ctx.ip, userAgent: ctx.userAgent });
const userActor = (ctx: TrpcContext & { viewer: NonNullable<TrpcContext["viewer"]> }) => ({ ...meta(ctx), userId: ctx.viewer.userId, sessionId: ctx.viewer.sessionId });

/** Operations hand back the new session; only the procedure knows about cookies. The output schema drops it. */
function setSessionCookie<T extends object>(ctx: TrpcContext, result: T): T {
  const session = "session" in result ? (result.session as SessionGrant) : null;
  if (session) ctx.resHeaders?.append("Set-Cookie", sessionCookie(session.token, session.expiresAt));
  return result;
}

export const authRouter = router({
  me: publicProcedure
    .input(z.void())
    .output(viewerDto.nullable())
    .query(({ ctx }) => ctx.viewer),

  signUp: rateLimited(publicProcedure, { name: "sign-up", limit: 5, windowSeconds: 60 * 60 })
    .input(signUpInput)
    .output(signUpOutput)
    .mutation(async ({ input, ctx }) => setSessionCookie(ctx, await signUp(input, meta(ctx), ctx.db))),

  signIn: rateLimited(publicProcedure, { name: "sign-in", limit: 20, windowSeconds: FIFTEEN_MINUTES })
    .input(signInInput)
    .output(signedInResult)
    .mutation(async ({ input, ctx }) =>
      setSessionCookie(ctx, await signIn(input, { ...meta(ctx), currentSessionId: ctx.viewer?.sessionId ?? ctx.pendingTwoFactor?.sessionId ?? null }, ctx.db)),
    ),

  signOut: publicProcedure
    .input(z.void())
    .output(signOutOutput)
    .mutation(async ({ ctx }) => {
      const result = await signOut(
        { ...meta(ctx), userId: ctx.viewer?.userId ?? ctx.pendingTwoFactor?.userId ?? null, sessionId: ctx.viewer?.sessionId ?? ctx.pendingTwoFactor?.sessionId ?? null },
        ctx.db,
      );
      ctx.resHeaders?.append("Set-Cookie", clearedSessionCookie());
      return result;
    }),

  verifyEmail: rateLimited(publicProcedure, { name: "verify-email", limit: 30, windowSeconds: FIFTEEN_MINUTES })
    .input(tokenInput)
    .output(verifyEmailOutput)
    .mutation(({ input, ctx }) => verifyEmail(input, meta(ctx), ctx.db)),

  resendVerification: authedProcedure
    .input(z.void())
    .output(resendVerificationOutput)
    .mutation(({ ctx }) => resendVerification(userActor(ctx), ctx.db)),

  requestPasswordReset: rateLimited(publicProcedure, { name: "password-reset-ip", limit: 10, windowSeconds: FIFTEEN_MINUTES })
    .input(requestPasswordResetInput)
    .output(requestPasswordResetOutput)
    .mutation(({ input, ctx }) => requestPasswordReset(input, meta(ctx), ctx.db)),

  resetPassword: rateLimited(publicProcedure, { name: "reset-password", limit: 20, windowSeconds: FIFTEEN_MINUTES })
    .input(resetPasswordInput)
    .output(resetPasswordOutput)
    .mutation(async ({ input, ctx }) => setSessionCookie(ctx, await resetPassword(input, meta(ctx), ctx.db))),

  changePassword: authedProcedure
    .input(changePasswordInput)
    .output(changePasswordOutput)
    .mutation(({ input, ctx }) => changePassword(input, userActor(ctx), ctx.db)),

  requestEmailChange: authedProcedure
    .input(requestEmailChangeInput)
    .output(requestEmailChangeOutput)
    .mutation(({ input, ctx }) => requestEmailChange(input, userActor(ctx), ctx.db)),

  confirmEmailChange: rateLimited(publicProcedure, { name: "confirm-email-change", limit: 30, windowSeconds: FIFTEEN_MINUTES })
    .input(tokenInput)
    .output(confirmEmailChangeOutput)
    .mutation(({ input, ctx }) => confirmEmailChange(input, meta(ctx), ctx.db)),

  securityLog: authedProcedure
    .input(securityLogInput)
    .output(securityLogOutput)
    .query(({ input, ctx }) => listSecurityEvents(input, { userId: ctx.viewer.userId }, ctx.db)),
});
