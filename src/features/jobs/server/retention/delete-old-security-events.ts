import "server-only";
import { and, lt } from "drizzle-orm";
import { uuidv7 } from "@/lib/ids";
import type { DbOrTx } from "@/server/db/client";
import { securityEvents } from "@/server/db/schema";
import { daysBefore, RETENTION } from "./policy";

/** Ids are UUIDv7 (time first), so the id bound lets the delete walk the primary key instead of scanning. */
export async function deleteOldSecurityEvents(db: DbOrTx, now = new Date()): Promise<number> {
  const cutoff = daysBefore(now, RETENTION.securityEventsDays);
  const lowestIdAtCutoff = uuidv7(cutoff.getTime(), (bytes) => bytes.fill(0));
  const deleted = await db
    .delete(securityEvents)
    .where(and(lt(securityEvents.id, lowestIdAtCutoff), lt(securityEvents.createdAt, cutoff)))
    .returning({ id: securityEvents.id });
  return deleted.length;
}
