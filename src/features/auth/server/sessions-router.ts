import "server-only";
import { z } from "zod";
import { clearedSessionCookie } from "@/server/auth/cookies";
import { router } from "@/server/trpc/init";
import { authedProcedure } from "@/server/trpc/tiers";
import { listSessionsOutput, revokeOtherSessionsOutput, revokeSessionInput, revokeSessionOutput } from "../sessions-schemas";
import { sessionActor } from "./session-actor";
import { listSessions } from "./sessions/list-sessions";
import { revokeOtherSessions } from "./sessions/revoke-other-sessions";
import { revokeSession } from "./sessions/revoke-session";


export const sessionsRouter = router({
  list: authedProcedure
    .input(z.void())
    .output(listSessionsOutput)
    .query(({ ctx }) => listSessions(ctx.viewer, ctx.db)),

  revoke: authedProcedure
    .input(revokeSessionInput)
    .output(revokeSessionOutput)
    .mutation(async ({ input, ctx }) => {
      const result = await revokeSession(input, sessionActor(ctx, ctx.viewer), ctx.db);
      // Revoking the session in use is signing out: the browser drops the cookie too.
      if (result.signedOut) ctx.resHeaders?.append("Set-Cookie", clearedSessionCookie());
      return result;
    }),

  revokeOthers: authedProcedure
    .input(z.void())
    .output(revokeOtherSessionsOutput)
    .mutation(({ ctx }) => revokeOtherSessions(sessionActor(ctx, ctx.viewer), ctx.db)),
});
