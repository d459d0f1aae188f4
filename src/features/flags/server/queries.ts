import "server-only";
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { featureFlagCohortMembers, featureFlagEvaluations, featureFlags, feedbackBoards, memberships, staffAuditLog, users, workspaces } from "@/server/db/schema";

export type FlagRow = typeof featureFlags.$inferSelect;

export const selectFlagRows = (db: DbOrTx) => db.select().from(featureFlags);

export async function selectFlagRowForUpdate(db: DbOrTx, key: string): Promise<FlagRow | null> {
  const [row] = await db.select().from(featureFlags).where(eq(featureFlags.key, key)).for("update");
  return row ?? null;
}

export async function insertFlagRow(db: DbOrTx, values: typeof featureFlags.$inferInsert): Promise<FlagRow | null> {
  const [row] = await db.insert(featureFlags).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateFlagRow(db: DbOrTx, key: string, values: Partial<typeof featureFlags.$inferInsert>): Promise<FlagRow> {
  const [row] = await db.update(featureFlags).set(values).where(eq(featureFlags.key, key)).returning();
  return row!;
}

/** Sampled evaluations per flag and variant since `day` (YYYY-MM-DD). */
export const selectEvaluationCounts = (db: DbOrTx, day: string) =>
  db
    .select({ flagKey: featureFlagEvaluations.flagKey, variant: featureFlagEvaluations.variant, count: sql<number>`sum(${featureFlagEvaluations.count})::float8` })
    .from(featureFlagEvaluations)
    .where(gte(featureFlagEvaluations.day, day))
    .groupBy(featureFlagEvaluations.flagKey, featureFlagEvaluations.variant);

export function selectFlagAudit(db: DbOrTx, opts: { key: string | null; cursor: string | null; limit: number }) {
  return db
    .select({
      id: staffAuditLog.id,
      actorEmail: staffAuditLog.actorEmail,
      action: staffAuditLog.action,
      targetId: staffAuditLog.targetId,
      reason: staffAuditLog.reason,
      before: staffAuditLog.before,
      after: staffAuditLog.after,
      createdAt: staffAuditLog.createdAt,
    })
    .from(staffAuditLog)
    .where(
      and(
        eq(staffAuditLog.targetType, "feature_flag"),
        opts.key ? eq(staffAuditLog.targetId, opts.key) : undefined,
        opts.cursor ? lt(staffAuditLog.id, opts.cursor) : undefined,
      ),
    )
    .orderBy(desc(staffAuditLog.id))
    .limit(opts.limit + 1);
}

export async function selectUserByEmail(db: DbOrTx, email: string) {
  const [row] = await db.select({ id: users.id, email: users.email, displayName: users.displayName, staffRole: users.staffRole }).from(users).where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}

export async function selectWorkspaceBySlug(db: DbOrTx, slug: string) {
  const [row] = await db.select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, plan: workspaces.plan }).from(workspaces).where(eq(workspaces.slug, slug));
  return row ?? null;
}

export const selectCohortMembers = (db: DbOrTx) =>
  db
    .select({ cohort: featureFlagCohortMembers.cohort, userId: users.id, email: users.email, displayName: users.displayName })
    .from(featureFlagCohortMembers)
    .innerJoin(users, eq(users.id, featureFlagCohortMembers.userId))
    .orderBy(featureFlagCohortMembers.cohort, users.email)
    .limit(5_000);

export async function insertCohortMember(db: DbOrTx, cohort: string, userId: string, addedBy: string): Promise<boolean> {
  const rows = await db.insert(featureFlagCohortMembers).values({ cohort, userId, addedBy }).onConflictDoNothing().returning({ userId: featureFlagCohortMembers.userId });
  return rows.length > 0;
}

export async function deleteCohortMember(db: DbOrTx, cohort: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(featureFlagCohortMembers)
    .where(and(eq(featureFlagCohortMembers.cohort, cohort), eq(featureFlagCohortMembers.userId, userId)))
    .returning({ userId: featureFlagCohortMembers.userId });
  return rows.length > 0;
}

/**
 * The workspace a page is in, for flag evaluation — only when the viewer may see it: a member,
 * or anyone when it has a public board. Otherwise null, the same as an unknown slug, so this
 * can't be used to learn anything about a workspace one can't see.
 */
export async function selectVisibleWorkspace(db: DbOrTx, slug: string, userId: string | null) {
  const [row] = await db
    .select({ id: workspaces.id, plan: workspaces.plan })
    .from(workspaces)
    .where(
      and(
        eq(workspaces.slug, slug),
        sql`(exists (select 1 from ${feedbackBoards} b where b.workspace_id = ${workspaces.id} and b.visibility = 'public')
          or exists (select 1 from ${memberships} m where m.workspace_id = ${workspaces.id} and m.user_id = ${userId ?? "00000000-0000-0000-0000-000000000000"}::uuid))`,
      ),
    );
  return row ?? null;
}
