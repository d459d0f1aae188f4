"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { newClientMutationId } from "@/lib/client-mutation-id";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { claimNewer, patchCachedPost, setPendingVote, usePendingVotes } from "./vote-state";

/** What the button shows: the viewer's vote in flight wins over the cached state. */
export function useShownVote(post: { id: string; voteCount: number; viewerHasVoted: boolean }) {
  const pending = usePendingVotes((s) => s.pending[post.id]);
  const voted = pending?.voted ?? post.viewerHasVoted;
  const delta = voted === post.viewerHasVoted ? 0 : voted ? 1 : -1;
  return { voted, count: Math.max(0, post.voteCount + delta), pending: Boolean(pending) };
}

/** A newer toggle of the same post still in flight keeps its own wish on screen. */
export function settle(postId: string, mutationId: string | null | undefined) {
  if (usePendingVotes.getState().pending[postId]?.mutationId === mutationId) setPendingVote(postId, null);
}

/** Optimistic vote toggle: changes at once, rolls back with a toast if the server refuses or can't be reached. */
export function useVote(workspaceSlug: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.feedback.setVote.mutationOptions({
      meta: { toast: false },
      onSuccess: (result, input) => {
        if (claimNewer(result.postId, result.eventId) || result.eventId === null) patchCachedPost(queryClient, result.postId, { voteCount: result.voteCount, viewerHasVoted: result.voted });
        else patchCachedPost(queryClient, result.postId, { viewerHasVoted: result.voted });
        settle(input.postId, input.clientMutationId);
      },
      onError: (error, input) => {
        settle(input.postId, input.clientMutationId);
        toast({
          title: input.voted ? "Your vote wasn't counted" : "Your vote wasn't removed",
          description: `${describeClientError(error).message} The count is back to what it was; try again.`,
          variant: "error",
        });
      },
    }),
  );
  return (post: { id: string; viewerHasVoted: boolean }) => {
    const current = usePendingVotes.getState().pending[post.id];
    const votedNow = current?.voted ?? post.viewerHasVoted;
    const voted = !votedNow;
    const mutationId = newClientMutationId();
    setPendingVote(post.id, { voted, mutationId });
    mutation.mutate({ workspaceSlug, postId: post.id, voted, clientMutationId: mutationId });
  };
}
