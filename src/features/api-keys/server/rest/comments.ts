import "server-only";
import { z } from "zod";
import { commentDto, createCommentInput, listCommentsInput, listCommentsOutput } from "@/features/feedback/schemas";
import { createComment } from "@/features/feedback/server/create-comment";
import { listComments } from "@/features/feedback/server/list-comments";
import { endpoint } from "./endpoint";
import { postParams } from "./posts";

export const listCommentsEndpoint = endpoint({
  method: "GET",
  path: "/v1/posts/{postId}/comments",
  operationId: "listComments",
  summary: "A post's comments, a page at a time",
  tag: "Comments",
  scope: "posts:read",
  params: postParams,
  query: listCommentsInput.pick({ cursor: true }).extend({
    limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(50),
  }),
  response: listCommentsOutput,
  handle: ({ params, query, key, viewer, db }) => listComments({ ...query, workspaceId: key.workspace.id, postId: params.postId }, viewer, db),
});

export const createCommentEndpoint = endpoint({
  method: "POST",
  path: "/v1/posts/{postId}/comments",
  operationId: "createComment",
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
