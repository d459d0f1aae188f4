/**
 * Claiming jobs. One advisory lock serializes claimers, so the per-bucket concurrency counts
 * read here stay true until the claim commits; SKIP LOCKED keeps event processing and job
 * completion from blocking on it. Timer jobs (sleep, wait_timeout) call nothing, so they are
 * never held back by a concurrency limit; runs over a limit simply stay queued.
 */
import type { Sql } from "postgres";
import type { ConcurrencyBucket, JobRow } from "./types";

type Candidate = JobRow & { concurrency: ConcurrencyBucket[] };

export async function claimJobs(sql: Sql, maxInFlight: number): Promise<JobRow[]> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('inngest_dev.claim'))`;
    const candidates = await tx<Candidate[]>`
      select j.id, j.run_id, j.kind, j.step_id, j.attempt, r.concurrency from inngest_dev.jobs j join inngest_dev.runs r on r.id = j.run_id
      where j.claimed_at is null and j.run_at <= now() order by j.run_at, j.id limit 100 for update of j skip locked`;
    if (!candidates.length) return [];
    const inFlight = await tx<{ concurrency: ConcurrencyBucket[] }[]>`
      select r.concurrency from inngest_dev.jobs j join inngest_dev.runs r on r.id = j.run_id
      where j.claimed_at is not null and j.kind in ('discover','step')`;
    const counts = new Map<string, number>();
    const count = (buckets: ConcurrencyBucket[]) => buckets.forEach((b) => counts.set(b.bucket, (counts.get(b.bucket) ?? 0) + 1));
    inFlight.forEach((row) => count(row.concurrency));
    let calls = inFlight.length;
    const taken: Candidate[] = [];
    for (const job of candidates) {
      if (job.kind === "discover" || job.kind === "step") {
        if (calls >= maxInFlight || job.concurrency.some((b) => (counts.get(b.bucket) ?? 0) >= b.limit)) continue;
        count(job.concurrency);
        calls++;
      }
      taken.push(job);
    }
    if (!taken.length) return [];
    const ids = taken.map((j) => j.id);
    await tx`update inngest_dev.jobs set claimed_at = now() where id = any(${ids})`;
    const started = taken.filter((j) => j.kind === "discover" || j.kind === "step").map((j) => j.run_id);
    if (started.length) {
      await tx`update inngest_dev.runs set status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
        where id = any(${started}) and status = 'queued'`;
    }
    return taken.map(({ concurrency: _c, ...job }) => job);
  });
}

/** Exponential backoff between attempts, capped; `base` is small in tests. */
export function backoff(attempt: number, baseMs: number): Date {
  return new Date(Date.now() + Math.min(baseMs * 2 ** attempt, 60_000));
}
