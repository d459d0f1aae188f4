import "server-only";
import type { UserActor } from "@/features/workspaces/server/actor";
import { requestFlagSubject } from "@/server/flags/subject";
import { router } from "@/server/trpc/init";
import type { TrpcContext } from "@/server/trpc/context";
import { rateLimit, workspaceBySlugProcedure } from "@/server/trpc/tiers";
import * as s from "../schemas";
import { createBoard } from "./create-board";
import { createComment } from "./create-comment";
import { createPost } from "./create-post";
import { createTag } from "./create-tag";
import { deleteComment } from "./delete-comment";
import { deleteTag } from "./delete-tag";
import { findSimilarPosts } from "./find-similar-posts";
import { getBoard } from "./get-board";
import { getPost } from "./get-post";
import { listBoards } from "./list-boards";
import { listChangelog } from "./list-changelog";
import { listComments } from "./list-comments";
import { listPosts } from "./list-posts";
import { listRoadmap } from "./list-roadmap";
import { mergePost } from "./merge-post";
import { moderatePost } from "./moderate-post";
import { setPostStatus } from "./set-post-status";
import { setVote } from "./set-vote";
import { updateBoard } from "./update-board";
import { updateComment } from "./update-comment";
import { updatePost } from "./update-post";

/** Operations take `workspaceId`; procedures take the slug (the tier resolves it) and may be called signed out. */
const scoped = workspaceBySlugProcedure;
const adminWrites = rateLimit({ name: "feedback-admin", limit: 120, windowSeconds: 60 });
const viewerOf = (ctx: TrpcContext): UserActor | null =>
  ctx.viewer ? { userId: ctx.viewer.userId, displayName: ctx.viewer.displayName, impersonatorId: ctx.viewer.impersonatorId, ip: ctx.ip } : null;
const args = <I extends object>(input: I, ctx: TrpcContext & { workspaceId: string }) => [{ ...input, workspaceId: ctx.workspaceId }, viewerOf(ctx), ctx.db] as const;
const flagsOf = (ctx: TrpcContext & { workspaceId: string; workspacePlan: string }) => requestFlagSubject(ctx.viewer, ctx.headers, { id: ctx.workspaceId, plan: ctx.workspacePlan });

export const feedbackRouter = router({
  boards: scoped.output(s.listBoardsOutput).query(({ input, ctx }) => listBoards(...args(input, ctx))),
  board: scoped.input(s.getBoardInput.omit({ workspaceId: true })).output(s.boardDto).query(({ input, ctx }) => getBoard(...args(input, ctx))),
  createBoard: scoped.use(adminWrites).input(s.createBoardInput.omit({ workspaceId: true })).output(s.boardDto).mutation(({ input, ctx }) => createBoard(...args(input, ctx))),
  updateBoard: scoped.use(adminWrites).input(s.updateBoardInput.omit({ workspaceId: true })).output(s.boardDto).mutation(({ input, ctx }) => updateBoard(...args(input, ctx))),
  createTag: scoped.use(adminWrites).input(s.createTagInput.omit({ workspaceId: true })).output(s.tagDto).mutation(({ input, ctx }) => createTag(...args(input, ctx))),
  deleteTag: scoped.use(adminWrites).input(s.deleteTagInput.omit({ workspaceId: true })).output(s.okOutput).mutation(({ input, ctx }) => deleteTag(...args(input, ctx))),

  posts: scoped.input(s.listPostsInput.omit({ workspaceId: true })).output(s.listPostsOutput).query(({ input, ctx }) => listPosts(...args(input, ctx), flagsOf(ctx))),
  post: scoped.input(s.getPostInput.omit({ workspaceId: true })).output(s.postDto).query(({ input, ctx }) => getPost(...args(input, ctx))),
  similar: scoped.input(s.findSimilarInput.omit({ workspaceId: true })).output(s.findSimilarOutput).query(({ input, ctx }) => findSimilarPosts(...args(input, ctx), flagsOf(ctx))),
  roadmap: scoped.input(s.roadmapInput.omit({ workspaceId: true })).output(s.roadmapOutput).query(({ input, ctx }) => listRoadmap(...args(input, ctx))),
  changelog: scoped.input(s.changelogInput.omit({ workspaceId: true })).output(s.changelogOutput).query(({ input, ctx }) => listChangelog(...args(input, ctx))),
  createPost: scoped.input(s.createPostInput.omit({ workspaceId: true })).output(s.postDto).mutation(({ input, ctx }) => createPost(...args(input, ctx))),
  updatePost: scoped.input(s.updatePostInput.omit({ workspaceId: true })).output(s.postDto).mutation(({ input, ctx }) => updatePost(...args(input, ctx))),
  setVote: scoped.input(s.setVoteInput.omit({ workspaceId: true })).output(s.setVoteOutput).mutation(({ input, ctx }) => setVote(...args(input, ctx))),
  setStatus: scoped.use(adminWrites).input(s.setPostStatusInput.omit({ workspaceId: true })).output(s.postDto).mutation(({ input, ctx }) => setPostStatus(...args(input, ctx))),
  moderate: scoped.use(adminWrites).input(s.moderatePostInput.omit({ workspaceId: true })).output(s.postDto).mutation(({ input, ctx }) => moderatePost(...args(input, ctx))),
  merge: scoped.use(adminWrites).input(s.mergePostInput.omit({ workspaceId: true })).output(s.mergePostOutput).mutation(({ input, ctx }) => mergePost(...args(input, ctx))),

  comments: scoped.input(s.listCommentsInput.omit({ workspaceId: true })).output(s.listCommentsOutput).query(({ input, ctx }) => listComments(...args(input, ctx))),
  createComment: scoped.input(s.createCommentInput.omit({ workspaceId: true })).output(s.commentDto).mutation(({ input, ctx }) => createComment(...args(input, ctx))),
  updateComment: scoped.input(s.updateCommentInput.omit({ workspaceId: true })).output(s.commentDto).mutation(({ input, ctx }) => updateComment(...args(input, ctx))),
  deleteComment: scoped.input(s.deleteCommentInput.omit({ workspaceId: true })).output(s.okOutput).mutation(({ input, ctx }) => deleteComment(...args(input, ctx))),
});
