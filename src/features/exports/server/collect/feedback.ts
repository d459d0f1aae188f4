import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { feedbackBoards, feedbackComments, feedbackPosts, feedbackVotes, workspaces } from "@/server/db/schema";

/** Where a post lives, in the words and paths a person recognises. */
const postPlace = { workspace: workspaces.slug, board: feedbackBoards.name, boardSlug: feedbackBoards.slug, postId: feedbackPosts.id, postTitle: feedbackPosts.title };

/** Posts the person wrote, whatever happened to them since (deleted and merged ones too: they are still theirs). */
export async function collectPosts(db: DbOrTx, userId: string) {
  return db
    .select({ ...postPlace, body: feedbackPosts.body, tags: feedbackPosts.tags, status: feedbackPosts.status, moderation: feedbackPosts.moderation, voteCount: feedbackPosts.voteCount, editedAt: feedbackPosts.editedAt, createdAt: feedbackPosts.createdAt })
    .from(feedbackPosts)
    .innerJoin(feedbackBoards, eq(feedbackBoards.id, feedbackPosts.boardId))
    .innerJoin(workspaces, eq(workspaces.id, feedbackPosts.workspaceId))
    .where(eq(feedbackPosts.authorId, userId))
    .orderBy(desc(feedbackPosts.id));
}

export async function collectComments(db: DbOrTx, userId: string) {
  return db
    .select({ ...postPlace, commentId: feedbackComments.id, parentId: feedbackComments.parentId, body: feedbackComments.body, editedAt: feedbackComments.editedAt, deletedAt: feedbackComments.deletedAt, createdAt: feedbackComments.createdAt })
    .from(feedbackComments)
    .innerJoin(feedbackPosts, eq(feedbackPosts.id, feedbackComments.postId))
    .innerJoin(feedbackBoards, eq(feedbackBoards.id, feedbackPosts.boardId))
    .innerJoin(workspaces, eq(workspaces.id, feedbackComments.workspaceId))
    .where(eq(feedbackComments.authorId, userId))
    .orderBy(desc(feedbackComments.id));
}

export async function collectVotes(db: DbOrTx, userId: string) {
  return db
    .select({ ...postPlace, votedAt: feedbackVotes.createdAt })
    .from(feedbackVotes)
    .innerJoin(feedbackPosts, eq(feedbackPosts.id, feedbackVotes.postId))
    .innerJoin(feedbackBoards, eq(feedbackBoards.id, feedbackPosts.boardId))
    .innerJoin(workspaces, eq(workspaces.id, feedbackVotes.workspaceId))
    .where(eq(feedbackVotes.userId, userId))
    .orderBy(desc(feedbackVotes.createdAt));
}
