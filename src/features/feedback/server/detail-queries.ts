import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/server/db/client";
import { feedbackPosts, feedbackStatusChanges, users } from "@/server/db/schema";

const target = alias(feedbackPosts, "merged_into");

/** What the post page shows beyond the row itself: author name, the viewer's vote, the merge target. */
export async function selectPostExtras(db: DbOrTx, postId: string, viewerId: string | null) {
  const [row] = await db
    .select({
      authorName: users.displayName,
      viewerHasVoted: viewerId
        ? sql<boolean>`exists (select 1 from feedback_votes v where v.post_id = "feedback_posts"."id" and v.user_id = ${viewerId}::uuid)`
        : sql<boolean>`false`,
      mergedIntoTitle: target.title,
    })
    .from(feedbackPosts)
    .leftJoin(users, eq(users.id, feedbackPosts.authorId))
    .leftJoin(target, eq(target.id, feedbackPosts.mergedIntoId))
    .where(eq(feedbackPosts.id, postId));
  return row!;
}

export async function selectStatusHistory(db: DbOrTx, postId: string) {
  return db
    .select({
      id: feedbackStatusChanges.id,
      fromStatus: feedbackStatusChanges.fromStatus,
      toStatus: feedbackStatusChanges.toStatus,
      note: feedbackStatusChanges.note,
      changedById: feedbackStatusChanges.changedBy,
      changedByName: users.displayName,
      createdAt: feedbackStatusChanges.createdAt,
    })
    .from(feedbackStatusChanges)
    .leftJoin(users, eq(users.id, feedbackStatusChanges.changedBy))
    .where(eq(feedbackStatusChanges.postId, postId))
    .orderBy(asc(feedbackStatusChanges.id))
    .limit(100);
}
