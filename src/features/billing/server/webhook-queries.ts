import "server-only";
import { and, desc, eq, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { billingWebhookEvents } from "@/server/db/schema";

export type WebhookEventRow = typeof billingWebhookEvents.$inferSelect;

/** One row per gateway event id; a duplicate delivery inserts nothing and returns false. */
export async function insertWebhookEvent(db: DbOrTx, values: typeof billingWebhookEvents.$inferInsert): Promise<boolean> {
  const rows = await db.insert(billingWebhookEvents).values(values).onConflictDoNothing({ target: billingWebhookEvents.id }).returning({ id: billingWebhookEvents.id });
  return rows.length > 0;
}

export async function selectWebhookEvent(db: DbOrTx, id: string): Promise<WebhookEventRow | null> {
  const [row] = await db.select().from(billingWebhookEvents).where(eq(billingWebhookEvents.id, id));
  return row ?? null;
}

export async function markWebhookEvent(db: DbOrTx, id: string, values: { status: "processed" | "ignored" | "failed"; workspaceId?: string | null; error?: string | null }) {
  await db
    .update(billingWebhookEvents)
    .set({ ...values, processedAt: new Date(), attempts: sql`${billingWebhookEvents.attempts} + 1` })
    .where(and(eq(billingWebhookEvents.id, id), eq(billingWebhookEvents.status, "received")));
}

export async function recordWebhookAttemptFailure(db: DbOrTx, id: string, error: string) {
  await db
    .update(billingWebhookEvents)
    .set({ error: error.slice(0, 500), attempts: sql`${billingWebhookEvents.attempts} + 1` })
    .where(eq(billingWebhookEvents.id, id));
}

/** Accepted but never processed (a lost hand-off): the reconciler processes them. */
export async function selectStaleReceived(db: DbOrTx, olderThan: Date, limit = 50) {
  return db
    .select({ id: billingWebhookEvents.id })
    .from(billingWebhookEvents)
    .where(and(eq(billingWebhookEvents.status, "received"), lte(billingWebhookEvents.receivedAt, olderThan)))
    .orderBy(billingWebhookEvents.receivedAt)
    .limit(limit);
}

export async function selectWorkspaceWebhookEvents(db: DbOrTx, workspaceId: string, limit = 50) {
  return db.select().from(billingWebhookEvents).where(eq(billingWebhookEvents.workspaceId, workspaceId)).orderBy(desc(billingWebhookEvents.receivedAt)).limit(limit);
}
