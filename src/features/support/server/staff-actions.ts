import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "@/server/db/client";
import { supportMessages, supportTickets, users } from "@/server/db/schema";
import { transactionWithEffects, type Effects } from "@/server/db/transaction";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { renderEmail } from "@/server/mail/render";
import { publish } from "@/server/realtime/publish";
import { STAFF_CHANNEL, userChannel } from "@/server/realtime/channels";
import { SUPPORT_EVENTS, type assignInput, type noteInput, type replyInput, type setStatusInput } from "../schemas";
import { lockTicket } from "./queries";

export type SupportAgent = { userId: string; displayName: string };
type Ticket = Awaited<ReturnType<typeof lockTicket>>;
type Summary = { id: string; status: Ticket["status"]; assigneeId: string | null };

/** One staff change to one ticket, locked; the inbox (and the customer, when `customer`) hear of it live. */
async function change(db: Db, ticketId: string, fn: (tx: Tx, ticket: Ticket, effects: Effects) => Promise<Partial<Pick<Ticket, "status" | "assigneeId" | "lastMessageAt">>>, opts: { customer?: boolean } = {}): Promise<Summary> {
  return transactionWithEffects(db, async (tx, effects) => {
    const ticket = await lockTicket(tx, ticketId);
    const patch = await fn(tx, ticket, effects);
    const [row] = await tx.update(supportTickets).set({ ...patch, updatedAt: new Date() }).where(eq(supportTickets.id, ticket.id)).returning({ id: supportTickets.id, status: supportTickets.status, assigneeId: supportTickets.assigneeId });
    await publish(STAFF_CHANNEL, { type: SUPPORT_EVENTS.ticketChanged, data: { ticketId: ticket.id } }, tx);
    if (opts.customer && ticket.userId) await publish(userChannel(ticket.userId), { type: SUPPORT_EVENTS.replied, data: { ticketId: ticket.id } }, tx);
    return row!;
  });
}

/** A reply: stored, emailed to the customer through the outbox after commit, shown in-app when they have an account. */
export function replyToTicket(input: z.output<typeof replyInput>, agent: SupportAgent, db: Db): Promise<Summary> {
  return change(
    db,
    input.ticketId,
    async (tx, ticket, effects) => {
      const now = new Date();
      await tx.insert(supportMessages).values({ ticketId: ticket.id, kind: "reply", authorId: agent.userId, authorName: agent.displayName, body: input.message, createdAt: now });
      await effects.email({
        to: ticket.email,
        ...renderEmail({
          subject: `Re: ${ticket.subject}`,
          heading: `Groundwork support replied to “${ticket.subject}”`,
          paragraphs: [`Hi ${ticket.name},`, ...input.message.split(/\n{2,}/), `— ${agent.displayName}, Groundwork support`],
          action: ticket.userId ? { label: "See your requests", url: new URL("/support/requests", env.APP_URL).toString() } : undefined,
          footer: "You received this because you wrote to Groundwork support. To answer, write to us again at /support.",
        }),
      });
      return { status: input.status, lastMessageAt: now };
    },
    { customer: true },
  );
}

/** Internal: never shown to the customer or emailed. */
export function addTicketNote(input: z.output<typeof noteInput>, agent: SupportAgent, db: Db): Promise<Summary> {
  return change(db, input.ticketId, async (tx, ticket) => {
    await tx.insert(supportMessages).values({ ticketId: ticket.id, kind: "note", authorId: agent.userId, authorName: agent.displayName, body: input.note });
    return {};
  });
}

export function setTicketStatus(input: z.output<typeof setStatusInput>, db: Db): Promise<Summary> {
  return change(db, input.ticketId, async () => ({ status: input.status }), { customer: true });
}

/** To a staff member (support or above), or to nobody. */
export function assignTicket(input: z.output<typeof assignInput>, db: Db): Promise<Summary> {
  return change(db, input.ticketId, async (tx) => {
    if (input.assigneeId) {
      const [agent] = await tx.select({ staffRole: users.staffRole }).from(users).where(eq(users.id, input.assigneeId));
      if (!agent?.staffRole) {
        const message = "Tickets can only be assigned to support staff.";
        throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { assigneeId: [message] } });
      }
    }
    return { assigneeId: input.assigneeId };
  });
}
