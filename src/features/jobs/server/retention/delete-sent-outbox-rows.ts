import "server-only";
import { lt } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { outbox } from "@/server/db/schema";
import { daysBefore, RETENTION } from "./policy";

/** Sent rows only: unsent and dead-lettered rows stay until they are delivered or replayed. */
export async function deleteSentOutboxRows(db: DbOrTx, now = new Date()): Promise<number> {
  const deleted = await db
    .delete(outbox)
    .where(lt(outbox.sentAt, daysBefore(now, RETENTION.sentOutboxDays)))
    .returning({ id: outbox.id });
  return deleted.length;
}
