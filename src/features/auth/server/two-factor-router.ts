import "server-only";
import { z } from "zod";
import { router } from "@/server/trpc/init";
import { authedProcedure, pendingTwoFactorProcedure } from "@/server/trpc/tiers";
import {
  confirmEnrollmentInput,
  disableTwoFactorInput,
  enrollment,
  recoveryCodesOutput,
  regenerateRecoveryCodesInput,
  twoFactorStatus,
  verifySignInInput,
  verifySignInOutput,
} from "../two-factor-schemas";
import { sessionActor } from "./session-actor";
import { beginEnrollment } from "./two-factor/begin-enrollment";
import { confirmEnrollment } from "./two-factor/confirm-enrollment";
import { disableTwoFactor } from "./two-factor/disable-two-factor";
import { getTwoFactorStatus } from "./two-factor/get-two-factor-status";
import { regenerateRecoveryCodes } from "./two-factor/regenerate-recovery-codes";
import { verifySignIn } from "./two-factor/verify-sign-in";

// Wrong codes, replays and lockouts (5 failures in 15 min, then 429 + Retry-After) are
// counted per user inside the operations: the attempt limit must hold whichever procedure
// the guesses come through.
export const twoFactorRouter = router({
  status: authedProcedure
    .input(z.void())
    .output(twoFactorStatus)
    .query(({ ctx }) => getTwoFactorStatus(ctx.viewer, ctx.db)),

  beginEnrollment: authedProcedure
    .input(z.void())
    .output(enrollment)
    .mutation(({ ctx }) => beginEnrollment(ctx.viewer, ctx.db)),

  confirmEnrollment: authedProcedure
    .input(confirmEnrollmentInput)
    .output(recoveryCodesOutput)
    .mutation(({ input, ctx }) => confirmEnrollment(input, sessionActor(ctx, ctx.viewer), ctx.db)),

  disable: authedProcedure
    .input(disableTwoFactorInput)
    .output(twoFactorStatus)
    .mutation(({ input, ctx }) => disableTwoFactor(input, sessionActor(ctx, ctx.viewer), ctx.db)),

  regenerateRecoveryCodes: authedProcedure
    .input(regenerateRecoveryCodesInput)
    .output(recoveryCodesOutput)
    .mutation(({ input, ctx }) => regenerateRecoveryCodes(input, sessionActor(ctx, ctx.viewer), ctx.db)),

  verifySignIn: pendingTwoFactorProcedure
    .input(verifySignInInput)
    .output(verifySignInOutput)
    .mutation(({ input, ctx }) => verifySignIn(input, sessionActor(ctx, ctx.pendingTwoFactor), ctx.db)),
});
