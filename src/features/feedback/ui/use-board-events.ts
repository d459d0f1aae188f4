"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { isOwnEcho } from "@/lib/client-mutation-id";
import { useTRPC } from "@/trpc/client";
import { FEEDBACK_EVENTS } from "../constants";
import { applyVoteEvent } from "./vote-state";

const ACCESS_NARROWED = "realtime.access-narrowed";

/**
 * Handlers for a board's live channel (app/ subscribes them with useRealtime). They keep every open view live: new posts, statuses and comments refetch what shows
 * them; vote counts are patched in place, newest event wins (vote-state.ts). The tab's own
 * vote echo is used, not skipped: it is the moment the server's count includes our vote.
 */
export function useBoardEvents() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const invalidate = (...keys: readonly unknown[][]) => keys.forEach((queryKey) => void queryClient.invalidateQueries({ queryKey }));
  const lists = () => invalidate(trpc.feedback.posts.pathKey(), trpc.feedback.roadmap.pathKey());

  return {
    skipOwnEchoes: false,
    onEvent(message: { id: string; type: string; data: unknown; clientMutationId: string | null }) {
      switch (message.type) {
        case FEEDBACK_EVENTS.vote:
          applyVoteEvent(queryClient, message);
          return;
        case FEEDBACK_EVENTS.postCreated:
          if (!isOwnEcho(message)) lists();
          return;
        case FEEDBACK_EVENTS.commentCreated:
          invalidate(trpc.feedback.comments.pathKey(), trpc.feedback.post.pathKey());
          lists();
          return;
        case FEEDBACK_EVENTS.status:
        case FEEDBACK_EVENTS.postUpdated:
          invalidate(trpc.feedback.post.pathKey(), trpc.feedback.changelog.pathKey());
          lists();
          return;
        case FEEDBACK_EVENTS.boardUpdated:
          invalidate(trpc.feedback.board.pathKey());
          router.refresh();
          return;
        case ACCESS_NARROWED:
          // The board went private: reload, so the server decides what this visitor may still see.
          router.refresh();
          return;
      }
    },
    onRefetch: () => invalidate(trpc.feedback.posts.pathKey(), trpc.feedback.post.pathKey(), trpc.feedback.comments.pathKey(), trpc.feedback.roadmap.pathKey()),
  };
}
