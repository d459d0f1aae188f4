import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { feedbackPosts } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { FEEDBACK_EVENTS, type moderatePostInput, type PostDto } from "../schemas";
import { loadPost, requireModerator, requireSignedIn, type Viewer } from "./access";
import { publishBoardEvent } from "./events";
import { getPost } from "./get-post";

type Input = z.output<typeof moderatePostInput>;
type Changes = Partial<Pick<typeof feedbackPosts.$inferInsert, "pinned" | "commentsLocked" | "moderation" | "deletedReason">>;

function changesFor(input: Input, moderation: string): Changes {
  switch (input.action) {
    case "pin":
      return { pinned: true };
    case "unpin":
      return { pinned: false };
    case "lock":
      return { commentsLocked: true };
    case "unlock":
      return { commentsLocked: false };
    case "approve":
      if (moderation !== "held") throw new AppError("CONFLICT", { userMessage: "Only posts held for review can be approved." });
      return { moderation: "visible" };
    case "delete":
      if (!input.reason) throw new AppError("BAD_REQUEST", { userMessage: "Say why the post is being deleted.", fieldErrors: { reason: ["A reason is required to delete a post"] } });
      if (moderation === "merged") throw new AppError("CONFLICT", { userMessage: "This post was merged into another; it is already hidden." });
      return { moderation: "deleted", deletedReason: input.reason, pinned: false };
  }
}

/** Admin moderation: pin, lock comments, approve a held post, delete with a reason. Audited. */
export async function moderatePost(input: Input, viewer: Viewer, db: Db): Promise<PostDto> {
  const actor = requireSignedIn(viewer, "moderate posts");
  const access = await loadPost(db, actor, input);
  requireModerator(access);
  const changes = changesFor(input, access.post.moderation);
  await db.transaction(async (tx) => {
    await tx.update(feedbackPosts).set(changes).where(eq(feedbackPosts.id, access.post.id));
    await recordAuditEvent(tx, {
      workspaceId: input.workspaceId,
      actorUserId: actor.userId,
      impersonatorId: actor.impersonatorId,
      ip: actor.ip,
      action: `feedback.post_${input.action}`,
      target: { type: "feedback_post", id: access.post.id },
      after: changes,
    });
  });
  const type = input.action === "approve" ? FEEDBACK_EVENTS.postCreated : FEEDBACK_EVENTS.postUpdated;
  await publishBoardEvent(db, access.post.boardId, { type, data: { postId: access.post.id } });
  return getPost({ workspaceId: input.workspaceId, postId: input.postId }, actor, db);
}
