import "server-only";
import type { Db } from "@/server/db/client";
import { runInBackground } from "@/server/logging/context";
import { logger } from "@/server/logging/logger";
import { registerHeartbeats } from "./register-heartbeats";
import { runDueSchedules } from "./run-due-schedules";
import { SCHEDULED_WORK } from "./scheduled-work";

const TICK_MS = 30_000;

/**
 * Crons for a deploy without Inngest: every app process checks every 30 s and runs what is
 * due (one process per schedule, see `runDueSchedules`). Intervals count from the last run,
 * so the nightly cleanup runs a day after the previous one rather than at 03:00.
 * Returns a function that stops the timer.
 */
export function startInlineScheduler(db: Db, tickMs = TICK_MS): () => void {
  return runInBackground("inline-scheduler", () => start(db, tickMs));
}

function start(db: Db, tickMs: number): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const ran = (await runDueSchedules(db)).filter((r) => r.outcome === "ran" || r.outcome === "failed");
      if (ran.length) logger.debug({ runs: ran }, "inline scheduler ran due schedules");
    } catch (error) {
      logger.error({ err: error }, "inline scheduler tick failed");
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  void registerHeartbeats(db, SCHEDULED_WORK.map((w) => w.schedule))
    .then(tick)
    .catch((error: unknown) => logger.error({ err: error }, "inline scheduler could not register its schedules"));
  return () => clearInterval(timer);
}
