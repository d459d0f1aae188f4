import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { supportMessages, supportTickets } from "@/server/db/schema";
import { transactionWithEffects } from "@/server/db/transaction";
import { publish } from "@/server/realtime/publish";
import { STAFF_CHANNEL } from "@/server/realtime/channels";
import { SUPPORT_EVENTS, type followUpInput } from "../schemas";
import { ticketNotFound } from "./queries";

/** The customer answers in-app: the ticket is open again and staff see it move live. */
export async function followUp(input: z.output<typeof followUpInput>, user: { id: string; displayName: string }, db: Db): Promise<{ ok: true }> {
  await transactionWithEffects(db, async (tx) => {
    const [ticket] = await tx
      .update(supportTickets)
      .set({ status: "open", lastMessageAt: new Date() })
      .where(and(eq(supportTickets.id, input.ticketId), eq(supportTickets.userId, user.id)))
      .returning({ id: supportTickets.id });
    if (!ticket) throw ticketNotFound();
    await tx.insert(supportMessages).values({ ticketId: ticket.id, kind: "customer", authorId: user.id, authorName: user.displayName, body: input.message });
    await publish(STAFF_CHANNEL, { type: SUPPORT_EVENTS.ticketChanged, data: { ticketId: ticket.id } }, tx);
  });
  return { ok: true };
}
