import "server-only";
import { and, eq, lte, sql } from "drizzle-orm";
import type { PlanId } from "@/lib/plans";
import type { DbOrTx } from "@/server/db/client";
import { billingCustomers, billingSubscriptions, memberships, users, workspaces } from "@/server/db/schema";

export type SubscriptionRow = typeof billingSubscriptions.$inferSelect;

export async function lockWorkspaceBilling(tx: DbOrTx, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('billing:' || ${workspaceId}, 0))`);
}

export async function selectCustomer(db: DbOrTx, workspaceId: string) {
  const [row] = await db.select().from(billingCustomers).where(eq(billingCustomers.workspaceId, workspaceId));
  return row ?? null;
}

export async function selectWorkspaceIdByCustomer(db: DbOrTx, stripeCustomerId: string): Promise<string | null> {
  const [row] = await db.select({ workspaceId: billingCustomers.workspaceId }).from(billingCustomers).where(eq(billingCustomers.stripeCustomerId, stripeCustomerId));
  return row?.workspaceId ?? null;
}

export async function insertCustomerIfAbsent(db: DbOrTx, workspaceId: string, stripeCustomerId: string): Promise<void> {
  await db.insert(billingCustomers).values({ workspaceId, stripeCustomerId }).onConflictDoNothing();
}

export async function selectSubscription(db: DbOrTx, workspaceId: string): Promise<SubscriptionRow | null> {
  const [row] = await db.select().from(billingSubscriptions).where(eq(billingSubscriptions.workspaceId, workspaceId));
  return row ?? null;
}

export async function upsertSubscription(db: DbOrTx, values: typeof billingSubscriptions.$inferInsert): Promise<void> {
  const { workspaceId: _w, ...set } = values;
  await db.insert(billingSubscriptions).values(values).onConflictDoUpdate({ target: billingSubscriptions.workspaceId, set: { ...set, syncedAt: new Date() } });
}

export async function deleteSubscription(db: DbOrTx, workspaceId: string): Promise<void> {
  await db.delete(billingSubscriptions).where(eq(billingSubscriptions.workspaceId, workspaceId));
}

export async function selectWorkspaceForBilling(db: DbOrTx, workspaceId: string) {
  const [row] = await db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, plan: workspaces.plan, seats: workspaces.seats })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row ? { ...row, plan: row.plan as PlanId } : null;
}

export async function updateWorkspacePlan(db: DbOrTx, workspaceId: string, plan: PlanId, seats: number | null): Promise<void> {
  await db.update(workspaces).set({ plan, seats }).where(eq(workspaces.id, workspaceId));
}

export async function selectOwnerEmails(db: DbOrTx, workspaceId: string) {
  return db
    .select({ userId: users.id, email: users.email, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")));
}

/** Past-due subscriptions whose grace period is over: their workspaces drop to Free at the next sync. */
export async function selectExpiredGrace(db: DbOrTx, now: Date) {
  return db
    .select({ workspaceId: billingSubscriptions.workspaceId })
    .from(billingSubscriptions)
    .innerJoin(workspaces, eq(workspaces.id, billingSubscriptions.workspaceId))
    .where(and(lte(billingSubscriptions.graceEndsAt, now), sql`${workspaces.plan} <> 'free'`))
    .limit(100);
}

export async function selectWorkspaceBySlug(db: DbOrTx, slug: string) {
  const [row] = await db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, plan: workspaces.plan, seats: workspaces.seats })
    .from(workspaces)
    .where(eq(workspaces.slug, slug));
  return row ? { ...row, plan: row.plan as PlanId } : null;
}

/** The viewer's workspaces with their plan and subscription status (pricing page, past-due banner). */
export async function selectMyBilling(db: DbOrTx, userId: string) {
  const rows = await db
    .select({ slug: workspaces.slug, name: workspaces.name, personal: workspaces.personal, plan: workspaces.plan, role: memberships.role, status: billingSubscriptions.status, graceEndsAt: billingSubscriptions.graceEndsAt })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .leftJoin(billingSubscriptions, eq(billingSubscriptions.workspaceId, workspaces.id))
    .where(eq(memberships.userId, userId))
    .orderBy(workspaces.name)
    .limit(100);
  return rows.map((r) => ({ ...r, plan: r.plan as PlanId }));
}

export async function selectUserEmail(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email ?? null;
}
