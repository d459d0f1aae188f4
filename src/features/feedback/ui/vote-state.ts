"use client";
import type { QueryClient } from "@tanstack/react-query";
import { create } from "zustand";
import { isOwnEcho } from "@/lib/client-mutation-id";

/**
 * How a vote count stays right without flicker (docs/decisions/010-vote-counts.md):
 * - the cache holds the server's count and the viewer's vote; this store holds only the vote
 *   the viewer asked for while it is in flight (the button and count change at once: shown =
 *   cached count ± 1 where the wish differs from the cached vote);
 * - every live count carries the id of the event that set it, and a post's events get ids in
 *   commit order, so an older count (an event overtaken by our own response, a Pusher message
 *   delivered late) is never applied over a newer one.
 */
type Pending = { voted: boolean; mutationId: string };
export const usePendingVotes = create<{ pending: Record<string, Pending> }>(() => ({ pending: {} }));

export function setPendingVote(postId: string, pending: Pending | null) {
  usePendingVotes.setState(({ pending: all }) => {
    const next = { ...all };
    if (pending) next[postId] = pending;
    else delete next[postId];
    return { pending: next };
  });
}

const latestEvent = new Map<string, bigint>();

/** True (and remembered) when `eventId` is newer than anything applied to this post so far. */
export function claimNewer(postId: string, eventId: string | null): boolean {
  if (!eventId) return false;
  const id = BigInt(eventId);
  const seen = latestEvent.get(postId);
  if (seen !== undefined && seen >= id) return false;
  latestEvent.set(postId, id);
  return true;
}

type WithPost = { id: string; voteCount: number; viewerHasVoted?: boolean };
type Patch = Partial<Pick<WithPost, "voteCount" | "viewerHasVoted">>;

/** Applies a patch to the post wherever the cache holds it: list pages, the post page, the roadmap. */
export function patchCachedPost(queryClient: QueryClient, postId: string, patch: Patch) {
  const fix = <T extends WithPost>(p: T): T => (p.id === postId ? { ...p, ...patch } : p);
  queryClient.setQueriesData({ queryKey: [["feedback", "posts"]] }, (old: unknown) => {
    const data = old as { pages?: { items: WithPost[] }[] } | undefined;
    if (!data?.pages) return old;
    return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(fix) })) };
  });
  queryClient.setQueriesData({ queryKey: [["feedback", "post"]] }, (old: unknown) => {
    const data = old as WithPost | undefined;
    return data && data.id === postId ? fix(data) : old;
  });
  queryClient.setQueriesData({ queryKey: [["feedback", "roadmap"]] }, (old: unknown) => {
    const data = old as { columns: { items: WithPost[] }[] } | undefined;
    if (!data?.columns) return old;
    return { ...data, columns: data.columns.map((c) => ({ ...c, items: c.items.map(fix) })) };
  });
}

/** What the button shows: the wish in flight, else the cached vote; the count follows the wish. */
export function shownVote(post: { voteCount: number; viewerHasVoted: boolean }, pending: Pending | undefined) {
  const voted = pending?.voted ?? post.viewerHasVoted;
  const delta = voted === post.viewerHasVoted ? 0 : voted ? 1 : -1;
  return { voted, count: Math.max(0, post.voteCount + delta), pending: Boolean(pending) };
}

/** A newer toggle of the same post still in flight keeps its own wish on screen. */
export function settle(postId: string, mutationId: string | null | undefined) {
  if (usePendingVotes.getState().pending[postId]?.mutationId === mutationId) setPendingVote(postId, null);
}

/**
 * A `feedback.vote` event: the newest count wins. Our own echo is the moment the server's
 * count includes our vote, so it also moves the wish into the cache and clears it, in one step.
 */
export function applyVoteEvent(queryClient: QueryClient, message: { id: string; data: unknown; clientMutationId: string | null }) {
  const data = (message.data ?? {}) as { postId?: string; voteCount?: number };
  if (!data.postId || typeof data.voteCount !== "number") return;
  const own = isOwnEcho(message);
  if (claimNewer(data.postId, message.id)) {
    const pending = usePendingVotes.getState().pending[data.postId];
    patchCachedPost(queryClient, data.postId, own && pending ? { voteCount: data.voteCount, viewerHasVoted: pending.voted } : { voteCount: data.voteCount });
  }
  if (own) settle(data.postId, message.clientMutationId);
}

/** The server's answer to our toggle: its count only if nothing newer was applied meanwhile. */
export function applyVoteResult(queryClient: QueryClient, result: { postId: string; voted: boolean; voteCount: number; eventId: string | null }, mutationId: string | null | undefined) {
  if (claimNewer(result.postId, result.eventId) || result.eventId === null) patchCachedPost(queryClient, result.postId, { voteCount: result.voteCount, viewerHasVoted: result.voted });
  else patchCachedPost(queryClient, result.postId, { viewerHasVoted: result.voted });
  settle(result.postId, mutationId);
}
