import "server-only";
import { lt } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { rateLimitBuckets } from "@/server/db/schema";
import { RETENTION } from "./policy";

/** A bucket whose window started longer ago than any rule's window counts nothing any more (a new hit restarts it). */
export async function deleteExpiredRateLimitBuckets(db: DbOrTx, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - RETENTION.rateLimitBucketSeconds * 1000);
  const deleted = await db.delete(rateLimitBuckets).where(lt(rateLimitBuckets.windowStartedAt, cutoff)).returning({ key: rateLimitBuckets.key });
  return deleted.length;
}
