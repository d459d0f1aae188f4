import "server-only";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { feedbackPosts, feedbackStatusChanges } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { FEEDBACK_EVENTS, type createPostInput, type PostDto } from "../schemas";
import { loadBoard, requireSignedIn, type Viewer } from "./access";
import { selectTags } from "./board-queries";
import { publishBoardEvent } from "./events";
import { toPostDto } from "./get-post";
import { enforceFeedbackLimit } from "./limits";
import { mustHoldForLinks } from "./link-review";
import { trendingOf } from "./post-queries";

export async function createPost(input: z.output<typeof createPostInput>, viewer: Viewer, db: Db, now = new Date()): Promise<PostDto> {
  const actor = requireSignedIn(viewer, "post feedback");
  const access = await loadBoard(db, actor, { workspaceId: input.workspaceId, boardId: input.boardId });
  const tags = [...new Set(input.tags)];
  await checkTags(db, input.boardId, tags);
  const held = await mustHoldForLinks(`${input.title}\n${input.body}`, access.canModerate);
  await enforceFeedbackLimit(db, "post", actor);

  const post = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(feedbackPosts)
      .values({
        workspaceId: input.workspaceId,
        boardId: input.boardId,
        authorId: actor.userId,
        title: input.title,
        body: input.body,
        tags,
        moderation: held ? "held" : "visible",
        trending: trendingOf(now),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(feedbackStatusChanges).values({ workspaceId: input.workspaceId, postId: row!.id, fromStatus: null, toStatus: "open", changedBy: actor.userId, createdAt: now });
    return row!;
  });
  // A held post stays off the live channel until an admin approves it.
  if (!held) await publishBoardEvent(db, post.boardId, { type: FEEDBACK_EVENTS.postCreated, data: { postId: post.id }, clientMutationId: input.clientMutationId });
  const history = [{ id: post.id, fromStatus: null, toStatus: "open" as const, note: null, changedById: actor.userId, changedByName: actor.displayName, createdAt: now }];
  return toPostDto({ ...access, post }, { authorName: actor.displayName, viewerHasVoted: false, mergedIntoTitle: null }, history, actor);
}

export async function checkTags(db: Db, boardId: string, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  const known = new Set((await selectTags(db, [boardId])).map((t) => t.slug));
  const unknown = tags.filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw new AppError("BAD_REQUEST", { userMessage: `This board has no tag “${unknown[0]}”.`, fieldErrors: { tags: [`Unknown tag: ${unknown.join(", ")}`] } });
  }
}
