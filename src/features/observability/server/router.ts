import "server-only";
import { z } from "zod";
import { sql } from "@/server/db/client";
import { router } from "@/server/trpc/init";
import { publicProcedure, rateLimited } from "@/server/trpc/tiers";
import { listPingsInput, listPingsOutput, ping, recordPingInput, systemStatus } from "../schemas";
import { checkHealth } from "./check-health";
import { listPings } from "./list-pings";
import { recordPing } from "./record-ping";

export const observabilityRouter = router({
  status: publicProcedure
    .input(z.void())
    .output(systemStatus)
    .query(() => checkHealth(sql)),

  listPings: publicProcedure
    .input(listPingsInput)
    .output(listPingsOutput)
    .query(({ input, ctx }) => listPings(input, ctx.db)),

  recordPing: rateLimited(publicProcedure, { name: "record-ping", limit: 30, windowSeconds: 60 })
    .input(recordPingInput)
    .output(ping)
    .mutation(({ input, ctx }) => recordPing(input, { kind: "anonymous", requestId: ctx.requestId }, ctx.db)),
});
