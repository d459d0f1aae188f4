import "server-only";
import { sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { periodicFlush } from "@/server/db/periodic-flush";
import { env } from "@/server/env";
import { logger } from "@/server/logging/logger";

/**
 * Evaluation counts per flag, day and variant. Evaluations are hot (every page, every
 * operation that checks a flag), so they are sampled — one in `1 / sampleRate` is counted,
 * weighted by the inverse — and written once every few seconds in one statement, as API usage
 * is (`api-keys/server/verify/usage-recorder.ts`). A crash loses at most one interval.
 */
export function createEvaluationCounter(opts: { db?: DbOrTx; sampleRate?: number; intervalMs?: number; random?: () => number } = {}) {
  const db = opts.db ?? defaultDb;
  const rate = opts.sampleRate ?? 0.1;
  const weight = 1 / rate;
  const random = opts.random ?? Math.random;
  let counts = new Map<string, number>();

  function record(flagKey: string, variant: string, at = new Date()) {
    if (rate < 1 && random() >= rate) return;
    const key = `${flagKey}\u0000${at.toISOString().slice(0, 10)}\u0000${variant}`;
    counts.set(key, (counts.get(key) ?? 0) + weight);
    flusher.schedule();
  }

  async function flushOnce() {
    if (counts.size === 0) return;
    const batch = counts;
    counts = new Map();
    const rows = [...batch].map(([k, count]) => {
      const [flag_key, day, variant] = k.split("\u0000");
      return { flag_key, day, variant, count: Math.round(count) };
    });
    try {
      await db.execute(sql`
        insert into feature_flag_evaluations (flag_key, day, variant, count)
        select v.flag_key, v.day, v.variant, v.count
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(flag_key text, day date, variant text, count bigint)
        on conflict (flag_key, day, variant) do update set count = feature_flag_evaluations.count + excluded.count`);
    } catch (error) {
      logger.error({ err: error, rows: rows.length }, "could not write flag evaluation counts; retrying with the next batch");
      for (const [k, n] of batch) counts.set(k, (counts.get(k) ?? 0) + n);
    }
  }

  const flusher = periodicFlush(flushOnce, opts.intervalMs ?? 5_000, "flag-evaluation-counter");

  return {
    record,
    flush: flusher.flush,
    pending: () => counts.size,
    stop: flusher.stop,
  };
}
export type EvaluationCounter = ReturnType<typeof createEvaluationCounter>;

const globalForCounter = globalThis as unknown as { groundworkFlagCounter?: EvaluationCounter };
export function evaluationCounter(): EvaluationCounter {
  return (globalForCounter.groundworkFlagCounter ??= createEvaluationCounter({ sampleRate: env.FLAG_EVALUATION_SAMPLE_RATE }));
}
