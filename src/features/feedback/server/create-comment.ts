import "server-only";
import type { z } from "zod";
import { uuidv7 } from "@/lib/ids";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { FEEDBACK_EVENTS, type CommentDto, type createCommentInput } from "../schemas";
import { loadPost, requireLive, requireSignedIn, type Viewer } from "./access";
import { insertComment, selectComment } from "./comment-queries";
import { toCommentDto } from "./comment-dto";
import { publishBoardEvent } from "./events";
import { enforceFeedbackLimit } from "./limits";

/** Admins' comments are marked official. Replies are one level deep: replying to a reply is refused. */
export async function createComment(input: z.output<typeof createCommentInput>, viewer: Viewer, db: Db, now = new Date()): Promise<CommentDto> {
  const actor = requireSignedIn(viewer, "comment");
  const access = await loadPost(db, actor, input);
  requireLive(access, "comment");
  if (access.post.commentsLocked && !access.canModerate) throw new AppError("CONFLICT", { userMessage: "Comments on this post are locked." });
  if (input.parentId) {
    const parent = await selectComment(db, { workspaceId: input.workspaceId, commentId: input.parentId });
    if (!parent || parent.postId !== input.postId) throw new AppError("BAD_REQUEST", { userMessage: "The comment you replied to no longer exists.", fieldErrors: { parentId: ["No such comment on this post"] } });
    if (parent.parentId) throw new AppError("BAD_REQUEST", { userMessage: "Reply to the first comment of the thread instead.", fieldErrors: { parentId: ["Replies can't have replies"] } });
  }
  await enforceFeedbackLimit(db, "comment", actor);
  const id = uuidv7(now.getTime());
  const official = access.canModerate;
  const row = await db.transaction((tx) =>
    insertComment(tx, {
      id,
      workspaceId: input.workspaceId,
      postId: input.postId,
      parentId: input.parentId ?? null,
      threadId: input.parentId ?? id,
      authorId: actor.userId,
      body: input.body,
      official,
      createdAt: now,
      updatedAt: now,
    }),
  );
  await publishBoardEvent(db, access.post.boardId, { type: FEEDBACK_EVENTS.commentCreated, data: { postId: input.postId, commentId: id }, clientMutationId: input.clientMutationId });
  return toCommentDto(
    { id, postId: input.postId, parentId: input.parentId ?? null, threadId: input.parentId ?? id, authorId: actor.userId, authorName: actor.displayName, body: input.body, official, editedAt: null, deletedAt: null, createdAt: row.createdAt },
    actor,
    access.canModerate,
  );
}
