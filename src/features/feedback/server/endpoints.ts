import "server-only";
import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { endpoint } from "@/server/rest/endpoint";
import { paged, withHasMore } from "@/server/rest/pages";
import {
  boardDto,
  commentDto,
  createCommentInput,
  createPostInput,
  listCommentsInput,
  listCommentsOutput,
  listPostsInput,
  listPostsOutput,
  postDto,
  setVoteOutput,
} from "../schemas";
import { createComment } from "./create-comment";
import { createPost } from "./create-post";
import { getPost } from "./get-post";
import { listBoards } from "./list-boards";
import { listComments } from "./list-comments";
import { listPostsCached } from "./post-list-cache";
import { setVote } from "./set-vote";

/** Feedback over the public API (/api/v1): each endpoint calls one operation as the key's creator. */

const listBoardsEndpoint = endpoint({
  method: "GET",
  path: "/v1/boards",
  operationId: "listBoards",
  summary: "The workspace's feedback boards the key's creator can read",
  tag: "Boards",
  scope: "boards:read",
  response: z.object({ items: z.array(boardDto) }),
  handle: ({ key, viewer, db }) => listBoards({ workspaceId: key.workspace.id }, viewer, db),
});

const boardParams = z.object({ boardId: idSchema.describe("The board's id") });
const postParams = z.object({ postId: idSchema.describe("The post's id") });

const listPostsEndpoint = endpoint({
  method: "GET",
  path: "/v1/boards/{boardId}/posts",
  operationId: "listPosts",
  errors: ["not_found", "bad_request"],
  summary: "Posts on a board, a page at a time (pass nextCursor back as cursor)",
  tag: "Posts",
  scope: "posts:read",
  params: boardParams,
  query: listPostsInput.pick({ sort: true, status: true, tag: true, q: true, cursor: true }).extend({
    limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(20),
  }),
  response: paged(listPostsOutput),
  handle: ({ params, query, key, viewer, db }) =>
    listPostsCached({ ...query, workspaceId: key.workspace.id, boardId: params.boardId, held: false }, viewer, db, { userId: viewer.userId, workspaceId: key.workspace.id, plan: key.workspace.plan }).then(withHasMore),
});

const createPostEndpoint = endpoint({
  method: "POST",
  path: "/v1/boards/{boardId}/posts",
  operationId: "createPost",
  errors: ["not_found", "bad_request", "write_rate_limited"],
  summary: "Post feedback to a board, as the key's creator",
  tag: "Posts",
  scope: "posts:write",
  params: boardParams,
  body: createPostInput.pick({ title: true, body: true, tags: true }),
  successStatus: 201,
  example: { title: "Export to CSV", body: "We'd like to export posts to a spreadsheet.", tags: [] },
  response: postDto,
  handle: ({ params, body, key, viewer, db }) => createPost({ ...body, workspaceId: key.workspace.id, boardId: params.boardId }, viewer, db),
});

const getPostEndpoint = endpoint({
  method: "GET",
  path: "/v1/posts/{postId}",
  operationId: "getPost",
  errors: ["not_found"],
  summary: "One post with its description, status history and vote count",
  tag: "Posts",
  scope: "posts:read",
  params: postParams,
  response: postDto,
  handle: ({ params, key, viewer, db }) => getPost({ workspaceId: key.workspace.id, postId: params.postId }, viewer, db),
});

const listCommentsEndpoint = endpoint({
  method: "GET",
  path: "/v1/posts/{postId}/comments",
  operationId: "listComments",
  errors: ["not_found", "bad_request"],
  summary: "A post's comments, a page at a time",
  tag: "Comments",
  scope: "posts:read",
  params: postParams,
  query: listCommentsInput.pick({ cursor: true }).extend({
    limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(50),
  }),
  response: paged(listCommentsOutput),
  handle: ({ params, query, key, viewer, db }) => listComments({ ...query, workspaceId: key.workspace.id, postId: params.postId }, viewer, db).then(withHasMore),
});

const createCommentEndpoint = endpoint({
  method: "POST",
  path: "/v1/posts/{postId}/comments",
  operationId: "createComment",
  errors: ["not_found", "bad_request", "conflict", "write_rate_limited"],
  summary: "Comment on a post (or reply with parentId), as the key's creator",
  tag: "Comments",
  scope: "comments:write",
  params: postParams,
  body: createCommentInput.pick({ body: true, parentId: true }),
  successStatus: 201,
  example: { body: "We need this too." },
  response: commentDto,
  handle: ({ params, body, key, viewer, db }) => createComment({ ...body, workspaceId: key.workspace.id, postId: params.postId }, viewer, db),
});

// PUT and DELETE rather than a toggle: sending either twice is harmless, which is what a
// retrying client needs (the operation is idempotent on the desired state).
const voteEndpoint = endpoint({
  method: "PUT",
  path: "/v1/posts/{postId}/vote",
  operationId: "votePost",
  errors: ["not_found", "conflict", "write_rate_limited"],
  summary: "Vote for a post as the key's creator (voting twice is a no-op)",
  tag: "Votes",
  scope: "votes:write",
  params: postParams,
  response: setVoteOutput,
  handle: ({ params, key, viewer, db }) => setVote({ workspaceId: key.workspace.id, postId: params.postId, voted: true }, viewer, db),
});

const unvoteEndpoint = endpoint({
  method: "DELETE",
  path: "/v1/posts/{postId}/vote",
  operationId: "unvotePost",
  errors: ["not_found", "conflict", "write_rate_limited"],
  summary: "Take back the key's creator's vote (a no-op when there is none)",
  tag: "Votes",
  scope: "votes:write",
  params: postParams,
  response: setVoteOutput,
  handle: ({ params, key, viewer, db }) => setVote({ workspaceId: key.workspace.id, postId: params.postId, voted: false }, viewer, db),
});

export const feedbackEndpoints = [
  listBoardsEndpoint,
  listPostsEndpoint,
  createPostEndpoint,
  getPostEndpoint,
  listCommentsEndpoint,
  createCommentEndpoint,
  voteEndpoint,
  unvoteEndpoint,
];
