"use client";
import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import type { PostSummaryDto } from "../schemas";

type PostsPage = { items: PostSummaryDto[]; nextCursor: string | null; total?: unknown };
type ListInput = { boardId?: string; status?: string | null; tag?: string | null; q?: string | null; held?: boolean };
type NewPost = { boardId: string; title: string; body?: string; tags?: string[]; clientMutationId?: string | null };

const PENDING_PREFIX = "pending-";

/** A post the author has sent that the server hasn't confirmed yet (it has no real id). */
export const isPendingPost = (post: { id: string }) => post.id.startsWith(PENDING_PREFIX);

/**
 * Puts the author's new post at the top of every loaded list of its board it belongs in (no
 * status, tag or search filter it would fail, not the held-for-review view), and returns what
 * those lists held before, to put back if the server refuses.
 */
export async function showPendingPost(queryClient: QueryClient, postsKey: QueryKey, input: NewPost) {
  await queryClient.cancelQueries({ queryKey: postsKey });
  const lists = queryClient.getQueriesData<InfiniteData<PostsPage>>({ queryKey: postsKey }).filter(([key, data]) => data?.pages && fits(listInput(key), input));
  const pending: PostSummaryDto = {
    id: `${PENDING_PREFIX}${input.clientMutationId ?? Date.now()}`,
    boardId: input.boardId,
    title: input.title,
    excerpt: (input.body ?? "").slice(0, 200),
    status: "open",
    tags: input.tags ?? [],
    voteCount: 0,
    commentCount: 0,
    pinned: false,
    commentsLocked: false,
    moderation: "visible",
    author: null,
    viewerHasVoted: false,
    createdAt: new Date(),
  };
  for (const [key, data] of lists) {
    const [first, ...rest] = data!.pages;
    queryClient.setQueryData<InfiniteData<PostsPage>>(key, { ...data!, pages: [{ ...first!, items: [pending, ...first!.items] }, ...rest] });
  }
  return lists;
}

function listInput(key: QueryKey): ListInput {
  const meta = key[1] as { input?: ListInput } | undefined;
  return meta?.input ?? {};
}

function fits(list: ListInput, post: NewPost): boolean {
  if (list.boardId !== post.boardId || list.held || list.q) return false;
  if (list.status && list.status !== "open") return false;
  return !list.tag || (post.tags ?? []).includes(list.tag);
}
