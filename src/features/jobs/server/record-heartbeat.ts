import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { jobHeartbeats } from "@/server/db/schema";
import type { Schedule } from "./schedules";

/** The last step of every cron run: "this schedule is alive". */
export async function recordHeartbeat(db: DbOrTx, schedule: Schedule, now = new Date()): Promise<{ beatAt: string }> {
  await db
    .insert(jobHeartbeats)
    .values({ name: schedule.name, lastBeatAt: now, expectedEverySeconds: schedule.everySeconds, registeredAt: now })
    .onConflictDoUpdate({ target: jobHeartbeats.name, set: { lastBeatAt: now, expectedEverySeconds: schedule.everySeconds } });
  return { beatAt: now.toISOString() };
}
