import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { apiKeys, apiUsagePeriods, auditEvents, billingSubscriptions, feedbackBoards, memberships, users, workspaces } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import type { AdminWorkspaceDetail } from "../schemas";

const RECENT = 50;
// Qualified by table: in a one-table select drizzle writes a bare "id", which inside this
// subquery would mean feedback_posts.id (every board then counted 0 posts).
const postsOnBoard = sql<number>`(select count(*)::int from feedback_posts p where p.board_id = ${feedbackBoards}.id)`;

/** One workspace as support sees it: members, plan and usage, keys (metadata), boards, its audit trail. */
export async function getAdminWorkspace(input: { id: string }, db: DbOrTx): Promise<AdminWorkspaceDetail> {
  const [workspace] = await db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, plan: workspaces.plan, seats: workspaces.seats, personal: workspaces.personal, createdAt: workspaces.createdAt })
    .from(workspaces)
    .where(eq(workspaces.id, input.id));
  if (!workspace) throw new AppError("NOT_FOUND", { userMessage: "That workspace doesn't exist (or was deleted)." });

  const actor = sql<string | null>`(select u.email from users u where u.id = ${auditEvents.actorUserId})`;
  const [members, [subscription], [usage], keys, boards, audit] = await Promise.all([
    db
      .select({ userId: users.id, email: users.email, displayName: users.displayName, role: memberships.role, joinedAt: memberships.createdAt, locked: sql<boolean>`${users.lockedAt} is not null` })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, input.id))
      .orderBy(sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 else 2 end`, users.email),
    db
      .select({ status: billingSubscriptions.status, plan: billingSubscriptions.plan, interval: billingSubscriptions.interval, seats: billingSubscriptions.seats, cancelAtPeriodEnd: billingSubscriptions.cancelAtPeriodEnd })
      .from(billingSubscriptions)
      .where(eq(billingSubscriptions.workspaceId, input.id)),
    db
      .select({
        apiRequestsThisMonth: sql<number>`coalesce((select ${apiUsagePeriods.requests} from ${apiUsagePeriods} where ${apiUsagePeriods.workspaceId} = ${input.id} and ${apiUsagePeriods.periodStart} = date_trunc('month', now() at time zone 'utc')::date), 0)::int`,
        boards: sql<number>`(select count(*)::int from feedback_boards b where b.workspace_id = ${input.id})`,
        posts: sql<number>`(select count(*)::int from feedback_posts p where p.workspace_id = ${input.id})`,
      })
      .from(sql`(select 1) as one`),
    db
      .select({ id: apiKeys.id, name: apiKeys.name, environment: apiKeys.environment, start: apiKeys.start, createdByEmail: users.email, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .leftJoin(users, eq(users.id, apiKeys.createdBy))
      .where(eq(apiKeys.workspaceId, input.id))
      .orderBy(desc(apiKeys.id))
      .limit(RECENT),
    db
      .select({ id: feedbackBoards.id, slug: feedbackBoards.slug, name: feedbackBoards.name, visibility: feedbackBoards.visibility, posts: postsOnBoard })
      .from(feedbackBoards)
      .where(eq(feedbackBoards.workspaceId, input.id))
      .orderBy(feedbackBoards.name),
    db
      .select({ id: auditEvents.id, action: auditEvents.action, actorEmail: actor, impersonatorId: auditEvents.impersonatorId, targetType: auditEvents.targetType, createdAt: auditEvents.createdAt })
      .from(auditEvents)
      .where(eq(auditEvents.workspaceId, input.id))
      .orderBy(desc(auditEvents.id))
      .limit(RECENT),
  ]);
  return { workspace, members, subscription: subscription ?? null, usage: usage!, apiKeys: keys, boards, audit };
}
