/**
 * The polling loop: every `pollMs` (or at once when nudged by a new event or a finished call)
 * it processes events, fires due crons and claims ready jobs. All state is in Postgres, so a
 * new loop after a restart picks up exactly where the old one stopped.
 */
import type { Sql } from "postgres";
import { fireCrons } from "./fire-crons";
import { processEvents } from "./process-events";
import { claimJobs } from "./queue";
import { runJob } from "./run-job";
import type { Log } from "./types";

export type EngineOptions = { sql: Sql; log: Log; pollMs: number; retryBaseMs: number; maxInFlight: number };
export type Engine = { nudge(): void; stop(): Promise<void> };

export function startEngine({ sql, log, pollMs, retryBaseMs, maxInFlight }: EngineOptions): Engine {
  let stopped = false;
  let nudged = false;
  let wake: () => void = () => {};
  const inFlight = new Set<Promise<void>>();

  const launch = (job: Awaited<ReturnType<typeof claimJobs>>[number]) => {
    const running: Promise<void> = runJob(sql, job, { retryBaseMs, log })
      .catch(async (error: Error) => {
        log(`job ${job.kind} of run ${job.run_id} crashed, retrying in 1 s: ${error.stack ?? error.message}`);
        // Without this the claim would pin the job forever.
        await sql`update inngest_dev.jobs set claimed_at = null, run_at = now() + interval '1 second' where id = ${job.id}`.catch(() => {});
      })
      .finally(() => {
        inFlight.delete(running);
        nudge();
      });
    inFlight.add(running);
  };

  const tick = async () => {
    for (let round = 0; round < 20 && (await processEvents(sql, log)) > 0; round++);
    await fireCrons(sql, log);
    for (const job of await claimJobs(sql, maxInFlight)) launch(job);
  };

  function nudge() {
    nudged = true;
    wake();
  }

  const loop = (async () => {
    while (!stopped) {
      nudged = false;
      try {
        await tick();
      } catch (error) {
        if (!stopped) log(`engine tick failed: ${(error as Error).stack ?? error}`);
      }
      if (stopped || nudged) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = () => {};
    }
  })();

  return {
    nudge,
    async stop() {
      stopped = true;
      wake();
      await loop;
      await Promise.allSettled([...inFlight]);
    },
  };
}
