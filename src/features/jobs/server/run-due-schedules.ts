import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { jobHeartbeats } from "@/server/db/schema";
import { logger } from "@/server/logging/logger";
import { recordHeartbeat } from "./record-heartbeat";
import { SCHEDULED_WORK } from "./scheduled-work";

export type ScheduleRun = { name: string; outcome: "ran" | "not_due" | "busy" | "failed" };

/**
 * Runs every schedule whose last beat is at least one interval old, for the inline scheduler
 * (no Inngest configured). Several app processes may call it at once: the schedule's heartbeat
 * row is locked (`for update skip locked`) for the length of the run, so one process runs it
 * and the others answer "busy"; the heartbeat is written in that same transaction.
 * Rows must exist first (`registerHeartbeats`). A failing step is logged; the beat is not
 * recorded, so the schedule is retried at the next tick and health shows it overdue.
 */
export async function runDueSchedules(db: Db, now: () => Date = () => new Date()): Promise<ScheduleRun[]> {
  const runs: ScheduleRun[] = [];
  for (const { schedule, steps } of SCHEDULED_WORK) {
    const outcome = await db.transaction(async (tx): Promise<ScheduleRun["outcome"]> => {
      const [row] = await tx.select({ lastBeatAt: jobHeartbeats.lastBeatAt }).from(jobHeartbeats).where(eq(jobHeartbeats.name, schedule.name)).for("update", { skipLocked: true });
      if (!row) return "busy";
      const started = now();
      if (row.lastBeatAt && started.getTime() - row.lastBeatAt.getTime() < schedule.everySeconds * 1000) return "not_due";
      try {
        for (const step of steps) await step.run(db, started);
      } catch (error) {
        logger.error({ err: error, schedule: schedule.name }, "scheduled job failed; retrying at the next tick");
        return "failed";
      }
      await recordHeartbeat(tx, schedule, now());
      return "ran";
    });
    runs.push({ name: schedule.name, outcome });
  }
  return runs;
}
