import "server-only";
import { z } from "zod";
import { router } from "@/server/trpc/init";
import { authedProcedure, publicProcedure, rateLimit, staffProcedure } from "@/server/trpc/tiers";
import * as s from "../schemas";
import { createTicket } from "./create-ticket";
import { followUp } from "./follow-up";
import { getTicket } from "./get-ticket";
import { listInbox } from "./list-inbox";
import { listMyTickets } from "./list-my-tickets";
import { addTicketNote, assignTicket, replyToTicket, setTicketStatus } from "./staff-actions";

const followUps = rateLimit({ name: "support-follow-up", limit: 20, windowSeconds: 60 * 60 });
const staffWrites = rateLimit({ name: "support-staff", limit: 120, windowSeconds: 60 });
const support = staffProcedure("support");
const agentOf = (viewer: { userId: string; displayName: string }) => ({ userId: viewer.userId, displayName: viewer.displayName });

export const supportRouter = router({
  // Signed out too: the person who can't sign in is the one who writes. Limits live in the operation (per IP and per address).
  create: publicProcedure
    .input(s.createTicketInput)
    .output(s.createTicketOutput)
    .mutation(({ input, ctx }) => createTicket(input, { user: ctx.viewer ? { id: ctx.viewer.userId, email: ctx.viewer.email, displayName: ctx.viewer.displayName } : null, ip: ctx.ip, userAgent: ctx.userAgent }, ctx.db)),
  mine: authedProcedure.input(z.void()).output(s.myTicketsOutput).query(({ ctx }) => listMyTickets(ctx.viewer.userId, ctx.db)),
  followUp: authedProcedure.use(followUps).input(s.followUpInput).output(s.okOutput).mutation(({ input, ctx }) => followUp(input, { id: ctx.viewer.userId, displayName: ctx.viewer.displayName }, ctx.db)),

  inbox: support.input(s.inboxInput).output(s.inboxOutput).query(({ input, ctx }) => listInbox(input, ctx.viewer.userId, ctx.db)),
  ticket: support.input(s.ticketInput).output(s.ticketDetailDto).query(({ input, ctx }) => getTicket(input.ticketId, ctx.db)),
  reply: support.use(staffWrites).input(s.replyInput).output(s.ticketSummaryOutput).mutation(({ input, ctx }) => replyToTicket(input, agentOf(ctx.viewer), ctx.db)),
  note: support.use(staffWrites).input(s.noteInput).output(s.ticketSummaryOutput).mutation(({ input, ctx }) => addTicketNote(input, agentOf(ctx.viewer), ctx.db)),
  setStatus: support.use(staffWrites).input(s.setStatusInput).output(s.ticketSummaryOutput).mutation(({ input, ctx }) => setTicketStatus(input, ctx.db)),
  assign: support.use(staffWrites).input(s.assignInput).output(s.ticketSummaryOutput).mutation(({ input, ctx }) => assignTicket(input, ctx.db)),
});
