import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { feedbackComments, feedbackPosts, users } from "@/server/db/schema";

export const commentColumns = {
  id: feedbackComments.id,
  postId: feedbackComments.postId,
  parentId: feedbackComments.parentId,
  threadId: feedbackComments.threadId,
  authorId: feedbackComments.authorId,
  authorName: users.displayName,
  body: feedbackComments.body,
  official: feedbackComments.official,
  editedAt: feedbackComments.editedAt,
  deletedAt: feedbackComments.deletedAt,
  createdAt: feedbackComments.createdAt,
};
export type CommentRow = Awaited<ReturnType<typeof selectCommentsPage>>[number];

/** Threads in order (a top-level comment, then its replies), one keyset on (thread_id, id). */
export async function selectCommentsPage(db: DbOrTx, postId: string, opts: { cursor: { thread: string; id: string } | null; limit: number }) {
  return db
    .select(commentColumns)
    .from(feedbackComments)
    .leftJoin(users, eq(users.id, feedbackComments.authorId))
    .where(
      and(
        eq(feedbackComments.postId, postId),
        opts.cursor ? sql`(${feedbackComments.threadId}, ${feedbackComments.id}) > (${opts.cursor.thread}::uuid, ${opts.cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(feedbackComments.threadId), asc(feedbackComments.id))
    .limit(opts.limit + 1);
}

export async function selectComment(db: DbOrTx, where: { workspaceId: string; commentId: string }) {
  const [row] = await db
    .select({ ...commentColumns, workspaceId: feedbackComments.workspaceId })
    .from(feedbackComments)
    .leftJoin(users, eq(users.id, feedbackComments.authorId))
    .where(and(eq(feedbackComments.id, where.commentId), eq(feedbackComments.workspaceId, where.workspaceId)));
  return row ?? null;
}

export async function insertComment(db: DbOrTx, values: typeof feedbackComments.$inferInsert) {
  const [row] = await db.insert(feedbackComments).values(values).returning({ id: feedbackComments.id, createdAt: feedbackComments.createdAt });
  await db
    .update(feedbackPosts)
    .set({ commentCount: sql`${feedbackPosts.commentCount} + 1` })
    .where(eq(feedbackPosts.id, values.postId));
  return row!;
}

export async function updateCommentBody(db: DbOrTx, commentId: string, body: string, at: Date) {
  await db.update(feedbackComments).set({ body, editedAt: at }).where(eq(feedbackComments.id, commentId));
}

/** Soft delete: replies keep their place under a "deleted" placeholder. */
export async function markCommentDeleted(db: DbOrTx, comment: { id: string; postId: string }, at: Date) {
  await db.update(feedbackComments).set({ deletedAt: at }).where(and(eq(feedbackComments.id, comment.id), sql`${feedbackComments.deletedAt} is null`));
  await db
    .update(feedbackPosts)
    .set({ commentCount: sql`greatest(${feedbackPosts.commentCount} - 1, 0)` })
    .where(eq(feedbackPosts.id, comment.postId));
}
