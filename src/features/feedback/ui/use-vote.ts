"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "@/components/ui/toast-store";
import { newClientMutationId } from "@/lib/client-mutation-id";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { applyVoteResult, setPendingVote, settle, shownVote, usePendingVotes } from "./vote-state";

/** What the button shows: the viewer's vote in flight wins over the cached state. */
export function useShownVote(post: { id: string; voteCount: number; viewerHasVoted: boolean }) {
  return shownVote(post, usePendingVotes((s) => s.pending[post.id]));
}

/** Optimistic vote toggle: changes at once, rolls back with a toast if the server refuses or can't be reached. */
export function useVote(workspaceSlug: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.feedback.setVote.mutationOptions({
      meta: { toast: false },
      onSuccess: (result, input) => applyVoteResult(queryClient, result, input.clientMutationId),
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
