import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { applyVoteEvent, applyVoteResult, setPendingVote, shownVote, usePendingVotes } from "@/features/feedback/ui/vote-state";
import { newClientMutationId } from "@/lib/client-mutation-id";

const POST = "019b0000-0000-7000-8000-000000000001";
const listKey = [["feedback", "posts"], { input: { boardId: "b" }, type: "infinite" }];

function world(voteCount: number) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(listKey, { pages: [{ items: [{ id: POST, voteCount, viewerHasVoted: false }] }], pageParams: [null] });
  const shown = () => {
    const post = (queryClient.getQueryData(listKey) as { pages: { items: { voteCount: number; viewerHasVoted: boolean }[] }[] }).pages[0]!.items[0]!;
    return shownVote(post, usePendingVotes.getState().pending[POST]);
  };
  return { queryClient, shown };
}

describe("optimistic votes meeting live counts", () => {
  it("shows the viewer's vote at once and never flickers as others' counts, the echo and the answer arrive in any order", () => {
    const { queryClient, shown } = world(5);
    const mine = newClientMutationId();
    setPendingVote(POST, { voted: true, mutationId: mine });
    expect(shown()).toMatchObject({ voted: true, count: 6 });

    // Someone else voted before our vote committed: their count (6) doesn't include ours.
    applyVoteEvent(queryClient, { id: "100", data: { postId: POST, voteCount: 6 }, clientMutationId: null });
    expect(shown()).toMatchObject({ voted: true, count: 7 });
    // Our echo: the server's count now includes our vote; the wish moves into the cache.
    applyVoteEvent(queryClient, { id: "101", data: { postId: POST, voteCount: 7 }, clientMutationId: mine });
    expect(shown()).toEqual({ voted: true, count: 7, pending: false });
    // A late duplicate of an older event and our own (older) answer change nothing.
    applyVoteEvent(queryClient, { id: "100", data: { postId: POST, voteCount: 6 }, clientMutationId: null });
    applyVoteResult(queryClient, { postId: POST, voted: true, voteCount: 7, eventId: "101" }, mine);
    expect(shown()).toEqual({ voted: true, count: 7, pending: false });
    // A newer vote by someone else still lands.
    applyVoteEvent(queryClient, { id: "102", data: { postId: POST, voteCount: 8 }, clientMutationId: null });
    expect(shown()).toMatchObject({ voted: true, count: 8 });
  });

  it("a second toggle in flight keeps its own wish when the first one's answer arrives", () => {
    const { queryClient, shown } = world(3);
    const first = newClientMutationId();
    setPendingVote(POST, { voted: true, mutationId: first });
    const second = newClientMutationId();
    setPendingVote(POST, { voted: false, mutationId: second });
    expect(shown()).toMatchObject({ voted: false, count: 3 });
    applyVoteResult(queryClient, { postId: POST, voted: true, voteCount: 4, eventId: "200" }, first);
    // Still showing the latest wish (un-voted), relative to the new server state.
    expect(shown()).toMatchObject({ voted: false, count: 3, pending: true });
    applyVoteResult(queryClient, { postId: POST, voted: false, voteCount: 3, eventId: "201" }, second);
    expect(shown()).toEqual({ voted: false, count: 3, pending: false });
  });
});
