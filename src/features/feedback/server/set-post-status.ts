import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { feedbackChangelogEntries, feedbackPosts, feedbackStatusChanges } from "@/server/db/schema";
import { env } from "@/server/env";
import { renderEmail } from "@/server/mail/render";
import { relayOutbox } from "@/server/outbox/relay";
import { FEEDBACK_EVENTS, POST_STATUS_LABELS, type PostDto, type setPostStatusInput } from "../schemas";
import { loadPost, requireModerator, requireSignedIn, type Viewer } from "./access";
import { publishBoardEvent } from "./events";
import { getPost } from "./get-post";
import { enqueueEmails, notifyAll, postPath, selectVotersAndAuthor, selectWorkspaceSlug } from "./recipients";

/**
 * Moves a post along (recorded in its status history). Reaching `done` writes the changelog
 * entry and, in the same transaction, one outbox email per voter (and the author), sent by
 * the email job after commit; the in-app notifications follow the commit too.
 */
export async function setPostStatus(input: z.output<typeof setPostStatusInput>, viewer: Viewer, db: Db, now = new Date()): Promise<PostDto> {
  const actor = requireSignedIn(viewer, "change a post's status");
  requireModerator(await loadPost(db, actor, input));
  const workspaceSlug = await selectWorkspaceSlug(db, input.workspaceId);

  const change = await db.transaction(async (tx) => {
    const access = await loadPost(tx, actor, input, { lock: true });
    const { post, board } = access;
    if (post.status === input.status) return null;
    await tx.update(feedbackPosts).set({ status: input.status }).where(eq(feedbackPosts.id, post.id));
    await tx.insert(feedbackStatusChanges).values({ workspaceId: post.workspaceId, postId: post.id, fromStatus: post.status, toStatus: input.status, changedBy: actor.userId, note: input.note ?? null, createdAt: now });
    const path = postPath(workspaceSlug, board.slug, post.id);
    if (input.status !== "done") return { post, path, recipients: post.authorId ? [post.authorId] : [], emailIds: [] as string[] };

    await tx.insert(feedbackChangelogEntries).values({ workspaceId: post.workspaceId, boardId: post.boardId, postId: post.id, title: post.title, createdAt: now }).onConflictDoNothing();
    const recipients = await selectVotersAndAuthor(tx, post.id, { includeAuthor: true });
    const emailIds = await enqueueEmails(
      tx,
      recipients.map((r) => ({
        to: r.email,
        ...renderEmail({
          subject: `Shipped: ${post.title}`,
          heading: `“${post.title}” is done`,
          paragraphs: [`Hi ${r.displayName}, something you asked for on ${board.name} has shipped.`, ...(input.note ? [input.note] : [])],
          action: { label: "See the post", url: new URL(path, env.APP_URL).toString() },
          footer: "You received this email because you voted for or posted this on a Groundwork feedback board.",
        }),
      })),
    );
    return { post, path, recipients: recipients.map((r) => r.id), emailIds };
  });

  if (change) {
    await relayOutbox(db, change.emailIds);
    await publishBoardEvent(db, change.post.boardId, { type: FEEDBACK_EVENTS.status, data: { postId: change.post.id, status: input.status }, clientMutationId: input.clientMutationId });
    const label = POST_STATUS_LABELS[input.status];
    await notifyAll(db, change.recipients, {
      type: input.status === "done" ? "feedback.post_done" : "feedback.post_status",
      title: input.status === "done" ? `Shipped: ${change.post.title}` : `${label}: ${change.post.title}`,
      body: input.status === "done" ? "Something you voted for or posted is done." : `Your post is now ${label.toLowerCase()}.`,
      link: change.path,
    });
  }
  return getPost({ workspaceId: input.workspaceId, postId: input.postId }, actor, db);
}
