import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { outbox } from "@/server/db/schema";
import { recordStaffAudit, type StaffAuditActor } from "@/server/audit";
import { inngestMode } from "@/server/env";
import { relayOutbox } from "@/server/outbox/relay";
import { logger } from "@/server/logging/logger";
import type { ReplayEmailResult } from "../schemas";

/**
 * Gives a dead-lettered email another full round of delivery: the row re-enters the relay with
 * a bumped `replays` (its next event id differs, so Inngest doesn't drop it as a duplicate).
 * Only a dead-lettered, unsent row qualifies, so a double click replays once. The staff audit
 * entry is written in the same transaction as the change.
 */
export async function replayDeadLetteredEmail(input: { outboxId: string }, actor: StaffAuditActor, db: Db): Promise<ReplayEmailResult> {
  const row = await db.transaction(async (tx) => {
    const [replayed] = await tx
      .update(outbox)
      .set({ deadLetteredAt: null, relayedAt: null, nextRelayAt: null, relayAttempts: 0, replays: sql`${outbox.replays} + 1` })
      .where(and(eq(outbox.id, input.outboxId), isNotNull(outbox.deadLetteredAt), isNull(outbox.sentAt)))
      .returning({ id: outbox.id, kind: outbox.kind, replays: outbox.replays });
    if (replayed) await recordStaffAudit(tx, actor, { action: "outbox.replayed", target: { type: "outbox", id: replayed.id }, after: { kind: replayed.kind, replays: replayed.replays } });
    return replayed;
  });
  if (!row) return { kind: "not_dead_lettered" };
  logger.info({ outboxId: row.id, staffUserId: actor.userId }, "staff replayed a dead-lettered email");
  await relayOutbox(db, [row.id]);
  return { kind: "replayed", via: inngestMode() ? "inngest" : "inline" };
}
