import "server-only";
import { and, desc, eq, lt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { billingIntents, type BillingIntentKind } from "@/server/db/schema";
import type { IntentRequest } from "./intent-request";

export type IntentRow = typeof billingIntents.$inferSelect & { request: IntentRequest };

export async function insertIntent(db: DbOrTx, values: { workspaceId: string; kind: BillingIntentKind; request: IntentRequest; actorUserId: string | null }): Promise<IntentRow> {
  const [row] = await db.insert(billingIntents).values(values).returning();
  return row as IntentRow;
}

export async function selectIntent(db: DbOrTx, id: string): Promise<IntentRow | null> {
  const [row] = await db.select().from(billingIntents).where(eq(billingIntents.id, id));
  return (row as IntentRow | undefined) ?? null;
}

/** Marks the outcome, only while still pending (a reconciler and the request can race; first one wins). */
export async function settleIntentRow(db: DbOrTx, id: string, outcome: { status: "succeeded"; result: unknown } | { status: "failed"; error: string }) {
  const [row] = await db
    .update(billingIntents)
    .set(outcome.status === "succeeded" ? { status: "succeeded", result: outcome.result, error: null, settledAt: new Date() } : { status: "failed", error: outcome.error, settledAt: new Date() })
    .where(and(eq(billingIntents.id, id), eq(billingIntents.status, "pending")))
    .returning({ id: billingIntents.id });
  return Boolean(row);
}

/** The call's outcome is unknown (gateway unreachable): try again later, with backoff. */
export async function deferIntentRow(db: DbOrTx, id: string, error: string, now = new Date()) {
  await db
    .update(billingIntents)
    .set({
      attempts: sql`${billingIntents.attempts} + 1`,
      error,
      nextAttemptAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => least(15 * power(2, ${billingIntents.attempts}), 3600))`,
    })
    .where(and(eq(billingIntents.id, id), eq(billingIntents.status, "pending")));
}

/**
 * Pending intents due for another try, claimed for a while (SKIP LOCKED + pushing
 * next_attempt_at) so overlapping reconcilers split them. `olderThan` leaves the request that
 * is still making its own call alone.
 */
export async function claimDueIntents(db: DbOrTx, now: Date, olderThan: Date, limit = 50): Promise<IntentRow[]> {
  const rows = (await db.execute(sql`
    update billing_intents set next_attempt_at = ${now.toISOString()}::timestamptz + interval '2 minutes'
    where id in (
      select id from billing_intents
      where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz and created_at <= ${olderThan.toISOString()}::timestamptz
      order by next_attempt_at limit ${limit} for update skip locked
    )
    returning id
  `)) as unknown as { id: string }[];
  const out: IntentRow[] = [];
  for (const { id } of rows) {
    const row = await selectIntent(db, id);
    if (row) out.push(row);
  }
  return out;
}

export async function selectWorkspaceIntents(db: DbOrTx, workspaceId: string, limit: number, before?: string) {
  return (await db
    .select()
    .from(billingIntents)
    .where(and(eq(billingIntents.workspaceId, workspaceId), before ? lt(billingIntents.id, before) : undefined))
    .orderBy(desc(billingIntents.id))
    .limit(limit)) as IntentRow[];
}

export async function selectPendingChange(db: DbOrTx, workspaceId: string) {
  const [row] = await db
    .select({ id: billingIntents.id, kind: billingIntents.kind, error: billingIntents.error })
    .from(billingIntents)
    .where(and(eq(billingIntents.workspaceId, workspaceId), eq(billingIntents.status, "pending"), lte(billingIntents.createdAt, sql`now()`)))
    .orderBy(desc(billingIntents.id))
    .limit(1);
  return row ?? null;
}
