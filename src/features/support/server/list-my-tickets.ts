import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { supportTickets } from "@/server/db/schema";
import { selectMessages } from "./queries";

const SHOWN = 50;

/** The signed-in user's requests, newest first, with replies (never staff's internal notes). Two queries. */
export async function listMyTickets(userId: string, db: DbOrTx) {
  const tickets = await db
    .select({ id: supportTickets.id, subject: supportTickets.subject, status: supportTickets.status, createdAt: supportTickets.createdAt, lastMessageAt: supportTickets.lastMessageAt })
    .from(supportTickets)
    .where(eq(supportTickets.userId, userId))
    .orderBy(desc(supportTickets.id))
    .limit(SHOWN);
  const messages = await selectMessages(db, tickets.map((t) => t.id), { notes: false });
  return { tickets: tickets.map((t) => ({ ...t, messages: messages.filter((m) => m.ticketId === t.id) })) };
}
