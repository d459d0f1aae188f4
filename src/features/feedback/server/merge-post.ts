import "server-only";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { Db, Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { FEEDBACK_EVENTS, type mergePostInput, type mergePostOutput } from "../schemas";
import { loadPost, requireModerator, requireSignedIn, type Viewer } from "./access";
import { publishBoardEvent } from "./events";
import { trendingAt } from "./post-queries";
import { notifyAll, postPath, selectWorkspaceSlug } from "./recipients";

type Moved = { votes: string[]; comments: number };

/**
 * Folds a duplicate into another post of the same board: votes move (a person who voted for
 * both keeps one), comments move, the duplicate points at the target, and its voters are told.
 */
export async function mergePost(input: z.output<typeof mergePostInput>, viewer: Viewer, db: Db): Promise<z.infer<typeof mergePostOutput>> {
  const actor = requireSignedIn(viewer, "merge posts");
  if (input.postId === input.intoPostId) throw new AppError("BAD_REQUEST", { userMessage: "A post can't be merged into itself.", fieldErrors: { intoPostId: ["Choose another post"] } });
  const workspaceSlug = await selectWorkspaceSlug(db, input.workspaceId);

  const { moved, target, board } = await db.transaction(async (tx) => {
    // Both rows locked, lower id first, so two merges (or a merge and a vote) can't interleave.
    const [first, second] = [input.postId, input.intoPostId].sort();
    const a = await loadPost(tx, actor, { workspaceId: input.workspaceId, postId: first! }, { lock: true });
    const b = await loadPost(tx, actor, { workspaceId: input.workspaceId, postId: second! }, { lock: true });
    const [duplicate, into] = a.post.id === input.postId ? [a, b] : [b, a];
    requireModerator(duplicate);
    if (duplicate.post.boardId !== into.post.boardId) throw new AppError("BAD_REQUEST", { userMessage: "Posts can only be merged within one board.", fieldErrors: { intoPostId: ["Choose a post on the same board"] } });
    if (duplicate.post.moderation !== "visible" || into.post.moderation !== "visible") {
      throw new AppError("CONFLICT", { userMessage: "Both posts must be live (not held, deleted or already merged) to merge them." });
    }
    const result = await moveVotesAndComments(tx, duplicate.post.id, into.post.id);
    await recordAuditEvent(tx, {
      workspaceId: input.workspaceId,
      actorUserId: actor.userId,
      impersonatorId: actor.impersonatorId,
      ip: actor.ip,
      action: "feedback.post_merged",
      target: { type: "feedback_post", id: duplicate.post.id },
      after: { intoPostId: into.post.id, movedVotes: result.votes.length, movedComments: result.comments },
    });
    return { moved: result, target: into.post, board: into.board };
  });

  await publishBoardEvent(db, board.id, { type: FEEDBACK_EVENTS.postUpdated, data: { postId: input.postId } });
  await publishBoardEvent(db, board.id, { type: FEEDBACK_EVENTS.postUpdated, data: { postId: target.id } });
  await notifyAll(db, moved.votes, {
    type: "feedback.post_merged",
    title: `Your vote moved to “${target.title.slice(0, 150)}”`,
    body: "A post you voted for was merged into this one, which asks for the same thing.",
    link: postPath(workspaceSlug, board.slug, target.id),
    workspaceId: input.workspaceId,
  });
  return { intoPostId: target.id, movedVotes: moved.votes.length, movedComments: moved.comments };
}

async function moveVotesAndComments(tx: Tx, fromId: string, intoId: string): Promise<Moved> {
  const voters = (await tx.execute(sql`
    with gone as (delete from feedback_votes where post_id = ${fromId}::uuid returning workspace_id, user_id, created_at),
    moved as (
      insert into feedback_votes (workspace_id, post_id, user_id, created_at)
      select workspace_id, ${intoId}::uuid, user_id, created_at from gone
      on conflict do nothing
      returning user_id
    )
    select g.user_id::text as user_id from gone g
  `)) as unknown as { user_id: string }[];
  const comments = (await tx.execute(sql`
    with m as (update feedback_comments set post_id = ${intoId}::uuid where post_id = ${fromId}::uuid returning 1)
    select count(*)::int as n from m
  `)) as unknown as { n: number }[];
  const movedComments = comments[0]?.n ?? 0;
  // Recount from the rows (the lock is held) and rebuild the trending sum with log-sum-exp.
  await tx.execute(sql`
    update feedback_posts p set
      vote_count = (select count(*) from feedback_votes v where v.post_id = p.id),
      comment_count = p.comment_count + ${movedComments},
      trending = (
        select m + ln(sum(power(2::float8, x - m))) / ln(2::float8)
        from (select x, max(x) over () as m from (
          select ${trendingAt("p.created_at")} as x
          union all select ${trendingAt("v.created_at")} from feedback_votes v where v.post_id = p.id
        ) xs) t
        group by m
      )
    where p.id = ${intoId}::uuid
  `);
  await tx.execute(sql`
    update feedback_posts set moderation = 'merged', merged_into_id = ${intoId}::uuid, vote_count = 0, comment_count = 0, pinned = false
    where id = ${fromId}::uuid
  `);
  return { votes: voters.map((v) => v.user_id), comments: movedComments };
}
