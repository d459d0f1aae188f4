import "server-only";
import { sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { periodicFlush } from "@/server/db/periodic-flush";
import { logger } from "@/server/logging/logger";

/** How many requests the admin user page keeps per user. */
export const RECENT_REQUESTS_KEPT = 50;

export type RecentRequest = {
  userId: string;
  requestId: string;
  method: string;
  path: string;
  status: number;
  impersonatorId: string | null;
  at: Date;
};

const MAX_BUFFERED = 20_000;

/**
 * Each signed-in request's id, for the admin user page, without a write per request: requests
 * are buffered in memory and written once a second in one statement (as API usage is,
 * `api-keys/server/verify/usage-recorder.ts`), then each user in the batch is trimmed to the
 * newest `keep`. A crash loses at most the last second; these are a support aid, not an audit log.
 */
export function createRecentRequestRecorder(opts: { db?: DbOrTx; intervalMs?: number; keep?: number } = {}) {
  const db = opts.db ?? defaultDb;
  const keep = opts.keep ?? RECENT_REQUESTS_KEPT;
  let buffer: RecentRequest[] = [];

  function record(r: RecentRequest) {
    if (buffer.length >= MAX_BUFFERED) return;
    buffer.push(r);
    flusher.schedule();
  }

  async function flushOnce() {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    // Past `keep` a user's older requests in this batch would be trimmed at once: don't write them.
    const perUser = new Map<string, RecentRequest[]>();
    for (const r of batch) {
      const list = perUser.get(r.userId);
      if (list) list.push(r);
      else perUser.set(r.userId, [r]);
    }
    const rows = [...perUser.values()].flatMap((list) => list.slice(-keep)).map((r) => ({ ...r, at: r.at.toISOString() }));
    try {
      await db.transaction(async (tx) => {
        // Joined to users: a user (or impersonator) deleted meanwhile drops or nulls its rows instead of failing the batch.
        await tx.execute(sql`
          insert into user_recent_requests (user_id, request_id, method, path, status, impersonator_id, created_at)
          select v."userId", v."requestId", v.method, v.path, v.status, s.id, v.at
          from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as ("userId" uuid, "requestId" text, method text, path text, status int, "impersonatorId" uuid, at timestamptz))
            with ordinality as v("userId", "requestId", method, path, status, "impersonatorId", at, n)
          join users u on u.id = v."userId"
          left join users s on s.id = v."impersonatorId"
          order by v.n`);
        await tx.execute(sql`
          delete from user_recent_requests r
          using (
            select x.user_id, x.created_at, x.id
            from jsonb_array_elements_text(${JSON.stringify([...perUser.keys()])}::jsonb) as u(user_id)
            cross join lateral (
              select y.user_id, y.created_at, y.id from user_recent_requests y where y.user_id = u.user_id::uuid order by y.created_at desc, y.id desc offset ${keep} limit 1
            ) x
          ) c
          where r.user_id = c.user_id and (r.created_at, r.id) <= (c.created_at, c.id)`);
      });
    } catch (error) {
      logger.error({ err: error, rows: rows.length }, "could not write recent request ids; retrying with the next batch");
      buffer = [...batch, ...buffer].slice(-MAX_BUFFERED);
    }
  }

  const flusher = periodicFlush(flushOnce, opts.intervalMs ?? 1000, "recent-requests-recorder");

  return {
    record,
    /** Writes everything recorded so far (waits for a flush already running, then runs one more). */
    flush: flusher.flush,
    pending: () => buffer.length,
    stop: flusher.stop,
  };
}
export type RecentRequestRecorder = ReturnType<typeof createRecentRequestRecorder>;

const globalForRecorder = globalThis as unknown as { groundworkRecentRequests?: RecentRequestRecorder };
export function recentRequests(): RecentRequestRecorder {
  return (globalForRecorder.groundworkRecentRequests ??= createRecentRequestRecorder());
}
