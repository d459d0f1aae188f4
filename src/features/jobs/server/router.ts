import "server-only";
import { z } from "zod";
import { sql } from "@/server/db/client";
import { router } from "@/server/trpc/init";
import { staffActor } from "@/server/trpc/staff-actor";
import { adminWriteProcedure, staffProcedure } from "@/server/trpc/tiers";
import {
  getRunInput,
  jobsOverview,
  listOutboxInput,
  listOutboxOutput,
  listRunsInput,
  listRunsOutput,
  replayEmailInput,
  replayEmailResult,
  replayRunInput,
  replayRunResult,
  runDetail,
} from "../schemas";
import { getJobsOverview } from "./get-jobs-overview";
import { getRun } from "./get-run";
import { listOutbox } from "./list-outbox";
import { listRuns } from "./list-runs";
import { replayDeadLetteredEmail } from "./replay-dead-lettered-email";
import { replayRun } from "./replay-run";

const support = staffProcedure("support");
/** A replay re-sends mail or re-runs work: a staff write like every other, so it needs admin mode. */
const supportWrite = adminWriteProcedure("support");

export const jobsRouter = router({
  overview: support.input(z.void()).output(jobsOverview).query(() => getJobsOverview(sql)),
  runs: support.input(listRunsInput).output(listRunsOutput).query(({ input }) => listRuns(input)),
  run: support.input(getRunInput).output(runDetail).query(({ input }) => getRun(input)),
  outbox: support.input(listOutboxInput).output(listOutboxOutput).query(({ input, ctx }) => listOutbox(input, ctx.db)),
  replayEmail: supportWrite
    .input(replayEmailInput)
    .output(replayEmailResult)
    .mutation(({ input, ctx }) => replayDeadLetteredEmail(input, staffActor(ctx), ctx.db)),
  replayRun: supportWrite.input(replayRunInput).output(replayRunResult).mutation(({ input, ctx }) => replayRun(input, staffActor(ctx), ctx.db)),
});
