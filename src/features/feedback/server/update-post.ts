import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { feedbackPosts } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { EDIT_WINDOW_MINUTES, FEEDBACK_EVENTS, type PostDto, type updatePostInput } from "../schemas";
import { loadPost, requireSignedIn, type Viewer } from "./access";
import { checkTags } from "./create-post";
import { publishBoardEvent } from "./events";
import { editRights, getPost } from "./get-post";
import { mustHoldForLinks } from "./link-review";

/** Authors edit within EDIT_WINDOW_MINUTES of posting; moderators any time. */
export async function updatePost(input: z.output<typeof updatePostInput>, viewer: Viewer, db: Db, now = new Date()): Promise<PostDto> {
  const actor = requireSignedIn(viewer, "edit a post");
  const access = await loadPost(db, actor, input);
  const rights = editRights(access, actor, now);
  if (!rights.canEdit) {
    throw new AppError("FORBIDDEN", {
      userMessage: access.post.authorId === actor.userId ? `Posts can be edited for ${EDIT_WINDOW_MINUTES} minutes after posting; that time has passed.` : "You can only edit your own posts.",
    });
  }
  const tags = [...new Set(input.tags)];
  await checkTags(db, access.post.boardId, tags);
  const hold = await mustHoldForLinks(`${input.title}\n${input.body}`, access.canModerate);
  await db
    .update(feedbackPosts)
    .set({ title: input.title, body: input.body, tags, editedAt: now, ...(hold && access.post.moderation === "visible" ? { moderation: "held" as const } : {}) })
    .where(eq(feedbackPosts.id, access.post.id));
  await publishBoardEvent(db, access.post.boardId, { type: FEEDBACK_EVENTS.postUpdated, data: { postId: access.post.id }, clientMutationId: input.clientMutationId });
  return getPost({ workspaceId: input.workspaceId, postId: input.postId }, actor, db);
}
