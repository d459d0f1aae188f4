import "server-only";
import { and, count, desc, eq, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { supportTickets, users } from "@/server/db/schema";
import type { inboxInput } from "../schemas";

const assignees = alias(users, "assignees");

/** One status's tickets, newest first, keyset-paged by id; counts per status (small: a GROUP BY on an index). */
export async function listInbox(input: z.output<typeof inboxInput>, staffUserId: string, db: DbOrTx) {
  const where = and(
    eq(supportTickets.status, input.status),
    input.mine ? eq(supportTickets.assigneeId, staffUserId) : undefined,
    input.cursor ? lt(supportTickets.id, input.cursor) : undefined,
  );
  const [rows, counts] = await Promise.all([
    db
      .select({
        id: supportTickets.id,
        subject: supportTickets.subject,
        email: supportTickets.email,
        name: supportTickets.name,
        status: supportTickets.status,
        assigneeName: assignees.displayName,
        lastMessageAt: supportTickets.lastMessageAt,
        createdAt: supportTickets.createdAt,
      })
      .from(supportTickets)
      .leftJoin(assignees, eq(assignees.id, supportTickets.assigneeId))
      .where(where)
      .orderBy(desc(supportTickets.id))
      .limit(input.limit + 1),
    db.select({ status: supportTickets.status, n: count() }).from(supportTickets).groupBy(supportTickets.status),
  ]);
  const items = rows.slice(0, input.limit);
  return {
    items,
    nextCursor: rows.length > input.limit ? items.at(-1)!.id : null,
    counts: { open: 0, waiting: 0, solved: 0, ...Object.fromEntries(counts.map((c) => [c.status, c.n])) },
  };
}
