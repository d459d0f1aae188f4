import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { jobHeartbeats } from "@/server/db/schema";
import type { Schedule } from "./schedules";

/**
 * Called when Inngest syncs the app (every deploy): a schedule that has never run gets a row
 * whose grace period starts now, so a fresh deploy is healthy, and a schedule that never
 * starts firing turns health degraded after twice its interval instead of staying invisible.
 */
export async function registerHeartbeats(db: DbOrTx, schedules: readonly Schedule[], now = new Date()): Promise<void> {
  if (schedules.length === 0) return;
  await db
    .insert(jobHeartbeats)
    .values(schedules.map((s) => ({ name: s.name, expectedEverySeconds: s.everySeconds, registeredAt: now })))
    .onConflictDoUpdate({ target: jobHeartbeats.name, set: { expectedEverySeconds: sql`excluded.expected_every_seconds` } });
}
