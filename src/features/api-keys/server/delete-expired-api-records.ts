import "server-only";
import { lt } from "drizzle-orm";
import { uuidv7 } from "@/lib/ids";
import type { DbOrTx } from "@/server/db/client";
import { apiIdempotencyKeys, apiRequestLog } from "@/server/db/schema";
import { IDEMPOTENCY_TTL_HOURS } from "@/server/rest/idempotency";

/** The request log keeps what the dashboard can show (90 days); daily counters and billing periods stay. */
export const REQUEST_LOG_RETENTION_DAYS = 90;

/** Idempotency records past their 24 hours answer nothing any more (a reuse starts afresh). */
export async function deleteExpiredIdempotencyKeys(db: DbOrTx, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3600_000);
  return (await db.delete(apiIdempotencyKeys).where(lt(apiIdempotencyKeys.createdAt, cutoff)).returning({ key: apiIdempotencyKeys.key })).length;
}

export async function deleteOldApiRequests(db: DbOrTx, now = new Date()): Promise<number> {
  // Ids are UUIDv7 of the request time: the primary key finds the old rows.
  const cutoff = uuidv7(now.getTime() - REQUEST_LOG_RETENTION_DAYS * 86_400_000, (bytes) => bytes.fill(0));
  return (await db.delete(apiRequestLog).where(lt(apiRequestLog.id, cutoff)).returning({ id: apiRequestLog.id })).length;
}
