import "server-only";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { FEEDBACK_EVENTS, type deleteCommentInput } from "../schemas";
import type { Viewer } from "./access";
import { loadOwnComment } from "./comment-access";
import { markCommentDeleted } from "./comment-queries";
import { publishBoardEvent } from "./events";

export async function deleteComment(input: z.output<typeof deleteCommentInput>, viewer: Viewer, db: Db, now = new Date()): Promise<{ ok: true }> {
  const { comment, access } = await loadOwnComment(db, viewer, input, "delete");
  await db.transaction((tx) => markCommentDeleted(tx, comment, now));
  await publishBoardEvent(db, access.post.boardId, { type: FEEDBACK_EVENTS.commentCreated, data: { postId: comment.postId, commentId: comment.id } });
  return { ok: true };
}
