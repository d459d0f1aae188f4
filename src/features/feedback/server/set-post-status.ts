import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { unsubscribeParts, whoWants } from "@/features/notifications/server/opt-outs";
import type { Db } from "@/server/db/client";
import { feedbackChangelogEntries, feedbackPosts, feedbackStatusChanges } from "@/server/db/schema";
import { env } from "@/server/env";
import { renderEmail } from "@/server/mail/render";
import { relayOutbox } from "@/server/outbox/relay";
import { FEEDBACK_EVENTS, POST_STATUS_LABELS, type PostDto, type PostStatusValue, type setPostStatusInput } from "../schemas";
import { loadPost, requireModerator, requireSignedIn, type Viewer } from "./access";
import { publishBoardEvent } from "./events";
import { getPost } from "./get-post";
import { enqueueEmails, notifyAll, postPath, selectVotersAndAuthor, selectWorkspaceSlug } from "./recipients";

/**
 * Moves a post along (recorded in its status history) and tells the post's voters and author
 * (not whoever moved it), each as they chose at /account/notifications: one outbox email per
 * person in the same transaction, sent by the email job after commit, and an in-app
 * notification after the commit. Reaching `done` also writes the changelog entry.
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
    if (input.status === "done") {
      await tx.insert(feedbackChangelogEntries).values({ workspaceId: post.workspaceId, boardId: post.boardId, postId: post.id, title: post.title, createdAt: now }).onConflictDoNothing();
    }
    const recipients = (await selectVotersAndAuthor(tx, post.id, { includeAuthor: true })).filter((r) => r.id !== actor.userId);
    const message = statusMessage(input.status, post.title, board.name);
    const emailIds = await enqueueEmails(
      tx,
      (await whoWants(tx, recipients, "feedbackStatusEmail")).map((r) => {
        const { unsubscribeUrl, headers } = unsubscribeParts(r.id, "feedback_status");
        return {
          to: r.email,
          headers,
          ...renderEmail({
            subject: message.subject,
            heading: message.heading,
            paragraphs: [`Hi ${r.displayName}, ${message.sentence}`, ...(input.note ? [input.note] : [])],
            action: { label: "See the post", url: new URL(path, env.APP_URL).toString() },
            footer: "You received this email because you voted for or posted this on a Groundwork feedback board.",
            unsubscribeUrl,
          }),
        };
      }),
    );
    const inApp = (await whoWants(tx, recipients, "feedbackStatusInApp")).map((r) => r.id);
    return { post, path, message, inApp, emailIds };
  });

  if (change) {
    await relayOutbox(db, change.emailIds);
    await publishBoardEvent(db, change.post.boardId, { type: FEEDBACK_EVENTS.status, data: { postId: change.post.id, status: input.status }, clientMutationId: input.clientMutationId });
    await notifyAll(db, change.inApp, {
      type: input.status === "done" ? "feedback.post_done" : "feedback.post_status",
      title: change.message.subject,
      body: change.message.sentence,
      link: change.path,
      workspaceId: input.workspaceId,
    });
  }
  return getPost({ workspaceId: input.workspaceId, postId: input.postId }, actor, db);
}

function statusMessage(status: PostStatusValue, title: string, boardName: string) {
  if (status === "done") return { subject: `Shipped: ${title}`, heading: `“${title}” is done`, sentence: `something you voted for or posted on ${boardName} has shipped.` };
  const label = POST_STATUS_LABELS[status];
  return { subject: `${label}: ${title}`, heading: `“${title}” is now ${label.toLowerCase()}`, sentence: `something you voted for or posted on ${boardName} is now ${label.toLowerCase()}.` };
}
