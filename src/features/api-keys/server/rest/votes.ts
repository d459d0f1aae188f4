import "server-only";
import { setVoteOutput } from "@/features/feedback/schemas";
import { setVote } from "@/features/feedback/server/set-vote";
import { endpoint } from "./endpoint";
import { postParams } from "./posts";

// PUT and DELETE rather than a toggle: sending either twice is harmless, which is what a
// retrying client needs (the operation is idempotent on the desired state).
export const voteEndpoint = endpoint({
  method: "PUT",
  path: "/v1/posts/{postId}/vote",
  operationId: "votePost",
  summary: "Vote for a post as the key's creator (voting twice is a no-op)",
  tag: "Votes",
  scope: "votes:write",
  params: postParams,
  response: setVoteOutput,
  handle: ({ params, key, viewer, db }) => setVote({ workspaceId: key.workspace.id, postId: params.postId, voted: true }, viewer, db),
});

export const unvoteEndpoint = endpoint({
  method: "DELETE",
  path: "/v1/posts/{postId}/vote",
  operationId: "unvotePost",
  summary: "Take back the key's creator's vote (a no-op when there is none)",
  tag: "Votes",
  scope: "votes:write",
  params: postParams,
  response: setVoteOutput,
  handle: ({ params, key, viewer, db }) => setVote({ workspaceId: key.workspace.id, postId: params.postId, voted: false }, viewer, db),
});
