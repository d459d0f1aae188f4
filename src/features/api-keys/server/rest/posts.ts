import "server-only";
import { z } from "zod";
import { createPostInput, listPostsInput, listPostsOutput, postDto } from "@/features/feedback/schemas";
import { createPost } from "@/features/feedback/server/create-post";
import { getPost } from "@/features/feedback/server/get-post";
import { listPosts } from "@/features/feedback/server/list-posts";
import { idSchema } from "@/lib/ids";
import { endpoint } from "./endpoint";

const boardParams = z.object({ boardId: idSchema.describe("The board's id") });
export const postParams = z.object({ postId: idSchema.describe("The post's id") });

export const listPostsEndpoint = endpoint({
  method: "GET",
  path: "/v1/boards/{boardId}/posts",
  operationId: "listPosts",
  summary: "Posts on a board, a page at a time (pass nextCursor back as cursor)",
  tag: "Posts",
  scope: "posts:read",
  params: boardParams,
  query: listPostsInput.pick({ sort: true, status: true, tag: true, q: true, cursor: true }).extend({
    limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(20),
  }),
  response: listPostsOutput,
  handle: ({ params, query, key, viewer, db }) => listPosts({ ...query, workspaceId: key.workspace.id, boardId: params.boardId, held: false }, viewer, db, { userId: viewer?.userId ?? null, workspaceId: key.workspace.id, plan: key.workspace.plan }),
});

export const createPostEndpoint = endpoint({
  method: "POST",
  path: "/v1/boards/{boardId}/posts",
  operationId: "createPost",
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

export const getPostEndpoint = endpoint({
  method: "GET",
  path: "/v1/posts/{postId}",
  operationId: "getPost",
  summary: "One post with its description, status history and vote count",
  tag: "Posts",
  scope: "posts:read",
  params: postParams,
  response: postDto,
  handle: ({ params, key, viewer, db }) => getPost({ workspaceId: key.workspace.id, postId: params.postId }, viewer, db),
});
