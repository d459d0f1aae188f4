import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { securityEvents } from "@/server/db/schema";

/** Retention keeps this bounded; the cap guards the step's output size all the same. */
const MAX_EVENTS = 10_000;

export async function collectSecurityLog(db: DbOrTx, userId: string) {
  return db
    .select({ type: securityEvents.type, ip: securityEvents.ip, userAgent: securityEvents.userAgent, details: securityEvents.details, createdAt: securityEvents.createdAt })
    .from(securityEvents)
    .where(eq(securityEvents.userId, userId))
    .orderBy(desc(securityEvents.id))
    .limit(MAX_EVENTS);
}
