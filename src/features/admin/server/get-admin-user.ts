import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { apiKeys, apiRequestLog, billingSubscriptions, feedbackPosts, memberships, notifications, outbox, securityEvents, sessions, users, workspaces } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { describeDevice } from "@/features/auth/server/sessions/describe-device";
import type { AdminUserDetail } from "../schemas";

const RECENT = 20;

/**
 * Everything support needs about one account on one page, in a fixed number of queries run
 * side by side (no query per row). API keys are metadata only: the select never names a hash.
 */
export async function getAdminUser(input: { id: string }, db: DbOrTx): Promise<AdminUserDetail> {
  const [profile] = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      emailVerified: sql<boolean>`${users.emailVerifiedAt} is not null`,
      twoFactorEnabled: sql<boolean>`${users.totpKeyEncrypted} is not null`,
      staffRole: users.staffRole,
      locked: sql<boolean>`${users.lockedAt} is not null`,
      lockedAt: users.lockedAt,
      lockedReason: users.lockedReason,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, input.id));
  if (!profile) throw new AppError("NOT_FOUND", { userMessage: "That user doesn't exist (or was deleted)." });

  const keysOfUser = db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.createdBy, input.id));
  const [sessionRows, securityLog, workspaceRows, keyRows, mail, notificationRows, feedback, billing, requests] = await Promise.all([
    db.select().from(sessions).where(eq(sessions.userId, input.id)).orderBy(desc(sessions.lastSeenAt)),
    db
      .select({ id: securityEvents.id, type: securityEvents.type, details: securityEvents.details, ip: securityEvents.ip, createdAt: securityEvents.createdAt })
      .from(securityEvents)
      .where(eq(securityEvents.userId, input.id))
      .orderBy(desc(securityEvents.id))
      .limit(RECENT),
    db
      .select({
        id: workspaces.id,
        slug: workspaces.slug,
        name: workspaces.name,
        role: memberships.role,
        plan: workspaces.plan,
        personal: workspaces.personal,
        owners: sql<number>`(select count(*)::int from memberships o where o.workspace_id = ${workspaces.id} and o.role = 'owner')`,
      })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.userId, input.id))
      .orderBy(workspaces.name),
    db
      .select({
        id: apiKeys.id,
        workspaceSlug: workspaces.slug,
        name: apiKeys.name,
        environment: apiKeys.environment,
        start: apiKeys.start,
        scopes: apiKeys.scopes,
        createdAt: apiKeys.createdAt,
        lastUsedAt: apiKeys.lastUsedAt,
        revokedAt: apiKeys.revokedAt,
        expiresAt: apiKeys.expiresAt,
      })
      .from(apiKeys)
      .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
      .where(eq(apiKeys.createdBy, input.id))
      .orderBy(desc(apiKeys.id))
      .limit(RECENT),
    // The outbox keeps what was sent (until retention); the address is the one they have now.
    db
      .select({ id: outbox.id, subject: sql<string>`coalesce(${outbox.payload}->>'subject', '')`, createdAt: outbox.createdAt, sentAt: outbox.sentAt, deadLettered: sql<boolean>`${outbox.deadLetteredAt} is not null` })
      .from(outbox)
      .where(and(eq(outbox.kind, "email"), sql`${outbox.payload}->>'to' = ${profile.email}`))
      .orderBy(desc(outbox.id))
      .limit(RECENT),
    db
      .select({ id: notifications.id, title: notifications.title, type: notifications.type, createdAt: notifications.createdAt, read: sql<boolean>`${notifications.readAt} is not null` })
      .from(notifications)
      .where(eq(notifications.userId, input.id))
      .orderBy(desc(notifications.id))
      .limit(RECENT),
    db
      .select({ id: feedbackPosts.id, title: feedbackPosts.title, status: feedbackPosts.status, voteCount: feedbackPosts.voteCount, workspaceSlug: workspaces.slug, createdAt: feedbackPosts.createdAt })
      .from(feedbackPosts)
      .innerJoin(workspaces, eq(workspaces.id, feedbackPosts.workspaceId))
      .where(eq(feedbackPosts.authorId, input.id))
      .orderBy(desc(feedbackPosts.id))
      .limit(RECENT),
    db
      .select({ workspaceSlug: workspaces.slug, plan: workspaces.plan, status: billingSubscriptions.status, seats: billingSubscriptions.seats, cancelAtPeriodEnd: sql<boolean>`coalesce(${billingSubscriptions.cancelAtPeriodEnd}, false)` })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .leftJoin(billingSubscriptions, eq(billingSubscriptions.workspaceId, workspaces.id))
      .where(and(eq(memberships.userId, input.id), eq(memberships.role, "owner"))),
    db
      .select({ requestId: apiRequestLog.requestId, method: apiRequestLog.method, path: apiRequestLog.path, status: apiRequestLog.status, createdAt: apiRequestLog.createdAt })
      .from(apiRequestLog)
      .where(inArray(apiRequestLog.apiKeyId, keysOfUser))
      .orderBy(desc(apiRequestLog.id))
      .limit(RECENT),
  ]);

  return {
    profile,
    sessions: sessionRows.map((s) => ({ publicId: s.id.slice(0, 16), device: describeDevice(s.userAgent), ip: s.ip, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, twoFactorVerified: s.twoFactorVerified })),
    securityLog,
    workspaces: workspaceRows,
    apiKeys: keyRows,
    mail,
    notifications: notificationRows,
    feedback,
    billing,
    requests,
  };
}
