import "server-only";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { loadPost, requireSignedIn, type Viewer } from "./access";
import { selectComment } from "./comment-queries";

/** The comment and the viewer's rights on it: its author, or a moderator of its board. */
export async function loadOwnComment(db: Db, viewer: Viewer, input: { workspaceId: string; commentId: string }, action: string) {
  const actor = requireSignedIn(viewer, action);
  const comment = await selectComment(db, input);
  if (!comment || comment.deletedAt) throw new AppError("NOT_FOUND", { userMessage: "That comment doesn't exist." });
  const access = await loadPost(db, actor, { workspaceId: input.workspaceId, postId: comment.postId });
  if (comment.authorId !== actor.userId && !access.canModerate) throw new AppError("FORBIDDEN", { userMessage: `You can only ${action} your own comments.` });
  return { actor, comment, access };
}
