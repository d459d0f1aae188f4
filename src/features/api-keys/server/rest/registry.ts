import "server-only";
import { listBoardsEndpoint } from "./boards";
import { createCommentEndpoint, listCommentsEndpoint } from "./comments";
import type { Endpoint } from "./endpoint";
import { getMe } from "./get-me";
import { getUsage } from "./get-usage";
import { createPostEndpoint, getPostEndpoint, listPostsEndpoint } from "./posts";
import { unvoteEndpoint, voteEndpoint } from "./votes";

/** Every /api/v1 endpoint: the OpenAPI document, the reference page and the fuzz test read this list. */
export const API_ENDPOINTS = [
  getMe,
  listBoardsEndpoint,
  listPostsEndpoint,
  createPostEndpoint,
  getPostEndpoint,
  listCommentsEndpoint,
  createCommentEndpoint,
  voteEndpoint,
  unvoteEndpoint,
  getUsage,
] as unknown as readonly Endpoint[];
