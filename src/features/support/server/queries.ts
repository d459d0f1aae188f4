import "server-only";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { supportMessages, supportTickets } from "@/server/db/schema";
import { AppError } from "@/server/errors";

export const ticketNotFound = () => new AppError("NOT_FOUND", { userMessage: "That request doesn't exist or isn't yours." });

/** Messages of many tickets in one query; internal notes only when asked for (staff). */
export async function selectMessages(db: DbOrTx, ticketIds: string[], opts: { notes: boolean }) {
  if (ticketIds.length === 0) return [];
  return db
    .select({ id: supportMessages.id, ticketId: supportMessages.ticketId, kind: supportMessages.kind, authorName: supportMessages.authorName, body: supportMessages.body, createdAt: supportMessages.createdAt })
    .from(supportMessages)
    .where(and(inArray(supportMessages.ticketId, ticketIds), opts.notes ? undefined : ne(supportMessages.kind, "note")))
    .orderBy(asc(supportMessages.id));
}

export async function lockTicket(db: DbOrTx, ticketId: string) {
  const [row] = await db.select().from(supportTickets).where(eq(supportTickets.id, ticketId)).for("update");
  if (!row) throw ticketNotFound();
  return row;
}
