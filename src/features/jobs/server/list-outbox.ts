import "server-only";
import { and, desc, isNotNull, isNull, lt, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { outbox } from "@/server/db/schema";
import type { OutboxRow, OUTBOX_STATES } from "../schemas";

const STATE: Record<(typeof OUTBOX_STATES)[number], SQL> = {
  dead_lettered: isNotNull(outbox.deadLetteredAt),
  pending: and(isNull(outbox.sentAt), isNull(outbox.deadLetteredAt))!,
  sent: isNotNull(outbox.sentAt),
};

/** Newest first, keyset by id (UUIDv7, so also by age); one query per page. */
export async function listOutbox(
  input: { state: (typeof OUTBOX_STATES)[number]; limit: number; cursor?: string | null },
  db: DbOrTx,
): Promise<{ items: OutboxRow[]; nextCursor: string | null }> {
  const rows = await db
    .select()
    .from(outbox)
    .where(and(STATE[input.state], input.cursor ? lt(outbox.id, input.cursor) : undefined))
    .orderBy(desc(outbox.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => {
      const payload = (row.payload ?? {}) as { to?: unknown; subject?: unknown };
      return {
        id: row.id,
        kind: row.kind,
        to: typeof payload.to === "string" ? payload.to : null,
        subject: typeof payload.subject === "string" ? payload.subject : null,
        attempts: row.attempts,
        relayAttempts: row.relayAttempts,
        replays: row.replays,
        lastError: row.lastError,
        createdAt: row.createdAt,
        relayedAt: row.relayedAt,
        sentAt: row.sentAt,
        deadLetteredAt: row.deadLetteredAt,
      };
    }),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}
