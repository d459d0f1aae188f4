import "server-only";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { FEEDBACK_EVENTS, type CommentDto, type updateCommentInput } from "../schemas";
import type { Viewer } from "./access";
import { loadOwnComment } from "./comment-access";
import { updateCommentBody } from "./comment-queries";
import { toCommentDto } from "./comment-dto";
import { publishBoardEvent } from "./events";

export async function updateComment(input: z.output<typeof updateCommentInput>, viewer: Viewer, db: Db, now = new Date()): Promise<CommentDto> {
  const { actor, comment, access } = await loadOwnComment(db, viewer, input, "edit");
  await updateCommentBody(db, comment.id, input.body, now);
  await publishBoardEvent(db, access.post.boardId, { type: FEEDBACK_EVENTS.commentCreated, data: { postId: comment.postId, commentId: comment.id } });
  return toCommentDto({ ...comment, body: input.body, editedAt: now }, actor, access.canModerate);
}
