import "server-only";
import { and, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { outbox } from "@/server/db/schema";
import { inngestMode } from "@/server/env";
import { logger } from "@/server/logging/logger";
import { deliverEmails } from "@/server/mail/outbox";
import { inngest } from "@/server/inngest/client";
import { OUTBOX_EVENTS, type OutboxKind } from "@/server/inngest/events";

/**
 * The outbox relay: turns committed outbox rows into Inngest events, at least once, and lets
 * Inngest make it exactly once — the event id is the outbox id, and the event API drops an id
 * it has seen. The after-commit call (`relayOutbox`) is the fast path; the `relay-outbox` cron
 * (`sweepOutbox`) re-sends whatever it missed, with backoff. Nothing is lost (a row leaves the
 * sweep only once the event API accepted it) and nothing runs twice (same id, idempotent
 * delivery). Without Inngest (`inngestMode()` null) the same entry points deliver inline.
 */

/** Rows younger than this belong to the after-commit relay; the sweeper leaves them alone. */
export const RELAY_GRACE_SECONDS = 30;
const BACKOFF_BASE_SECONDS = 30;
const BACKOFF_MAX_SECONDS = 60 * 60;
/** A claimed row is invisible to other sweepers this long (a sweeper that dies mid-send). */
const CLAIM_SECONDS = 120;
const SEND_TIMEOUT_MS = 5_000;
const SWEEP_BATCH = 100;

type PendingRow = { id: string; kind: string; replays: number };

/** The outbox id itself; a staff replay needs a fresh id, or the event API would drop it. */
export const outboxEventId = (row: { id: string; replays: number }) => (row.replays === 0 ? row.id : `${row.id}:replay-${row.replays}`);

function toEvent(row: PendingRow) {
  const type = OUTBOX_EVENTS[row.kind as OutboxKind];
  if (!type) throw new Error(`outbox kind "${row.kind}" has no event in OUTBOX_EVENTS (server/inngest/events.ts)`);
  return type.create({ outboxId: row.id }, { id: outboxEventId(row) });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`event API did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function deliverInline(db: Db, ids: string[]): Promise<{ relayed: number; failed: number }> {
  const result = await deliverEmails(db, ids);
  return { relayed: result.delivered.length, failed: result.failed.length };
}

/** Sends one batch; marks it relayed, or backs it off for the sweeper. Never throws. */
async function sendBatch(db: Db, rows: PendingRow[], now: Date): Promise<{ relayed: number; failed: number }> {
  if (rows.length === 0) return { relayed: 0, failed: 0 };
  const ids = rows.map((r) => r.id);
  try {
    await withTimeout(inngest.send(rows.map(toEvent)), SEND_TIMEOUT_MS);
  } catch (error) {
    logger.warn({ err: error, outboxIds: ids }, "outbox relay failed; the relay-outbox sweep will retry");
    await db
      .update(outbox)
      .set({
        relayAttempts: sql`${outbox.relayAttempts} + 1`,
        nextRelayAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => least(${BACKOFF_BASE_SECONDS} * power(2, ${outbox.relayAttempts}), ${BACKOFF_MAX_SECONDS}))`,
        lastError: `relay: ${String(error)}`.slice(0, 500),
      })
      .where(inArray(outbox.id, ids));
    return { relayed: 0, failed: rows.length };
  }
  await db.update(outbox).set({ relayedAt: new Date(), nextRelayAt: null }).where(inArray(outbox.id, ids));
  return { relayed: rows.length, failed: 0 };
}

/**
 * After commit: relay these outbox rows now. The operation that wrote them has succeeded, so
 * a relay failure is logged and left to the sweeper, never thrown at the caller.
 */
export async function relayOutbox(db: Db, ids: string[], now = new Date()): Promise<{ relayed: number; failed: number }> {
  if (ids.length === 0) return { relayed: 0, failed: 0 };
  if (!inngestMode()) return deliverInline(db, ids);
  const rows = await db
    .select({ id: outbox.id, kind: outbox.kind, replays: outbox.replays })
    .from(outbox)
    .where(and(inArray(outbox.id, ids), isNull(outbox.relayedAt), isNull(outbox.sentAt), isNull(outbox.deadLetteredAt)));
  return sendBatch(db, rows, now);
}

/**
 * The safety net, run by the `relay-outbox` cron: claims unrelayed rows older than the grace
 * period whose backoff has passed (SKIP LOCKED, so overlapping sweeps split the work) and
 * sends them in one batch.
 */
export async function sweepOutbox(db: Db, opts: { now?: Date; graceSeconds?: number } = {}): Promise<{ relayed: number; failed: number }> {
  const now = opts.now ?? new Date();
  const at = sql`${now.toISOString()}::timestamptz`;
  const claimed = (await db.execute(sql`
    update outbox set next_relay_at = ${at} + make_interval(secs => ${CLAIM_SECONDS})
    where id in (
      select id from outbox
      where relayed_at is null and sent_at is null and dead_lettered_at is null
        and created_at <= ${at} - make_interval(secs => ${opts.graceSeconds ?? RELAY_GRACE_SECONDS})
        and (next_relay_at is null or next_relay_at <= ${at})
      order by created_at
      limit ${SWEEP_BATCH}
      for update skip locked
    )
    returning id, kind, replays
  `)) as unknown as PendingRow[];
  if (claimed.length === 0) return { relayed: 0, failed: 0 };
  if (!inngestMode()) return deliverInline(db, claimed.map((r) => r.id));
  return sendBatch(db, [...claimed], now);
}
