import "server-only";
import { z } from "zod";
import { overrideCookieHeader, readFlagOverrides } from "@/server/flags/override-cookie";
import { requestFlagSubject } from "@/server/flags/subject";
import { router } from "@/server/trpc/init";
import { staffActor } from "@/server/trpc/staff-actor";
import { adminWriteProcedure, publicProcedure, rateLimit, staffProcedure } from "@/server/trpc/tiers";
import * as s from "../schemas";
import { addCohortMember, listCohorts, removeCohortMember } from "./cohorts";
import { evaluateFlagsForClient } from "./evaluate-flags";
import { explainFlag } from "./explain-flag";
import { listFlagAudit } from "./list-flag-audit";
import { listFlags } from "./list-flags";
import { setFlagOverride } from "./set-flag-override";
import { setKillSwitch } from "./set-kill-switch";
import { updateFlagTargeting } from "./update-flag-targeting";

const writes = rateLimit({ name: "flags-staff", limit: 60, windowSeconds: 60 });
// Any staff member may read flags and pull a kill switch (stopping a broken feature can't wait
// for someone senior); editing rollouts and cohorts is for product and admin staff.
const support = staffProcedure("support");
// Writes that change what users are served need admin mode (the password within 15 minutes), like
// every console write; a staff member's own override only changes their own view.
const supportWrite = adminWriteProcedure("support");
const productWrite = adminWriteProcedure("product");

export const flagsRouter = router({
  evaluate: publicProcedure
    .input(s.evaluateFlagsInput)
    .output(s.evaluateFlagsOutput)
    .query(({ input, ctx }) => evaluateFlagsForClient(input, requestFlagSubject(ctx.viewer, ctx.headers), ctx.db)),

  list: support.input(z.void()).output(s.listFlagsOutput).query(({ ctx }) => listFlags(undefined, { overrides: readFlagOverrides(ctx.headers, ctx.viewer) }, ctx.db)),
  explain: support.input(s.explainFlagInput).output(s.explainFlagOutput).query(({ input, ctx }) => explainFlag(input, ctx.db)),
  audit: support.input(s.auditInput).output(s.auditOutput).query(({ input, ctx }) => listFlagAudit(input, ctx.db)),
  cohorts: support.input(z.void()).output(s.cohortsOutput).query(({ ctx }) => listCohorts(ctx.db)),

  update: productWrite.use(writes).input(s.updateFlagInput).output(s.flagSummaryDto).mutation(({ input, ctx }) => updateFlagTargeting(input, staffActor(ctx), ctx.db)),
  setKillSwitch: supportWrite.use(writes).input(s.setKillSwitchInput).output(s.flagSummaryDto).mutation(({ input, ctx }) => setKillSwitch(input, staffActor(ctx), ctx.db)),
  addCohortMember: productWrite.use(writes).input(s.addCohortMemberInput).output(s.okOutput).mutation(({ input, ctx }) => addCohortMember(input, staffActor(ctx), ctx.db)),
  removeCohortMember: productWrite.use(writes).input(s.removeCohortMemberInput).output(s.okOutput).mutation(({ input, ctx }) => removeCohortMember(input, staffActor(ctx), ctx.db)),
  setOverride: support
    .use(writes)
    .input(s.setOverrideInput)
    .output(s.overridesOutput)
    .mutation(async ({ input, ctx }) => {
      const result = await setFlagOverride(input, { ...staffActor(ctx), current: readFlagOverrides(ctx.headers, ctx.viewer) }, ctx.db);
      ctx.resHeaders?.append("Set-Cookie", overrideCookieHeader(result.cookie));
      return { overrides: result.overrides };
    }),
});
