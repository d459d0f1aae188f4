"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { useFlagValue } from "@/lib/flags/use-flag";
import { useTRPC } from "@/trpc/client";
import { formatTotal, POST_PAGE_SIZE, POST_STATUS_LABELS, POST_STATUS_VALUES, type PostStatusValue } from "../constants";
import type { BoardDto, PostSort } from "../schemas";
import { PostRow, type BoardContext } from "./post-row";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button-link";
import { PostListSkeleton } from "./board-posts-skeleton";

export type ListFilters = { sort: PostSort; status: PostStatusValue | null; tag: string | null; q: string; held: boolean };

export const listQueryInput = (ctx: BoardContext, board: BoardDto, f: ListFilters) => ({
  workspaceSlug: ctx.workspaceSlug,
  boardId: board.id,
  sort: f.sort,
  status: f.status,
  tag: f.tag,
  q: f.q || null,
  held: f.held,
  limit: POST_PAGE_SIZE,
});

/** The board's posts: sort, status, tag and search, keyset pages, live through useBoardEvents. */
export function BoardPosts({ board, ctx }: { board: BoardDto; ctx: BoardContext }) {
  const trpc = useTRPC();
  const trendingOn = useFlagValue("boards.trending-sort");
  const defaultSort = useFlagValue("boards.default-sort");
  const [chosen, setFilters] = useState<ListFilters>({ sort: defaultSort, status: null, tag: null, q: "", held: false });
  // Trending switched off (kill switch, rollout) while chosen: fall back to Top, live.
  const filters: ListFilters = chosen.sort === "trending" && !trendingOn ? { ...chosen, sort: "top" } : chosen;
  const [search, setSearch] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === search.trim() ? f : { ...f, q: search.trim() })), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const query = useInfiniteQuery(trpc.feedback.posts.infiniteQueryOptions(listQueryInput(ctx, board, filters), { getNextPageParam: (page) => page.nextCursor }));
  const posts = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total;
  const set = (patch: Partial<ListFilters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <section aria-labelledby="posts-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <h2 id="posts-heading" className="sr-only">
          Posts
        </h2>
        <div className="flex flex-col gap-1">
          <Label htmlFor="sort">Sort</Label>
          <Select id="sort" value={filters.sort} onChange={(e) => set({ sort: e.target.value as PostSort })}>
            <option value="top">Top</option>
            {trendingOn ? <option value="trending">Trending</option> : null}
            <option value="new">New</option>
          </Select>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="status-filter">Status</Label>
          <Select id="status-filter" value={filters.status ?? ""} onChange={(e) => set({ status: (e.target.value || null) as PostStatusValue | null })}>
            <option value="">Any status</option>
            {POST_STATUS_VALUES.map((s) => (
              <option key={s} value={s}>
                {POST_STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </div>
        {board.tags.length > 0 ? (
          <div className="flex flex-col gap-1">
            <Label htmlFor="tag-filter">Tag</Label>
            <Select id="tag-filter" value={filters.tag ?? ""} onChange={(e) => set({ tag: e.target.value || null })}>
              <option value="">Any tag</option>
              {board.tags.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <div className="flex min-w-48 flex-1 flex-col gap-1">
          <Label htmlFor="search">Search</Label>
          <Input id="search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Search titles and descriptions" maxLength={200} />
        </div>
        {board.canModerate ? (
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input type="checkbox" checked={filters.held} onChange={(e) => set({ held: e.target.checked })} />
            Held for review
          </label>
        ) : null}
      </div>
      <p className="text-sm text-muted-foreground" data-testid="post-total" aria-live="polite">
        {total ? formatTotal(total, ["post", "posts"]) : "\u00a0"}
      </p>
      {query.isPending ? (
        <PostListSkeleton />
      ) : query.isError ? (
        <p role="alert" className="text-sm text-destructive">
          Couldn&apos;t load posts. <button className="underline" onClick={() => void query.refetch()}>Try again</button>
        </p>
      ) : posts.length === 0 ? (
        filters.q || filters.status || filters.tag ? (
          <EmptyState title="No posts match" description="Nothing on this board matches the search and filters. Clear them to see every post." />
        ) : (
          <EmptyState
            title="Ideas and requests for this board land here"
            description="People post what they need and vote for what matters most to them; the team moves posts along the roadmap."
            action={
              ctx.signedIn ? (
                <ButtonLink href="#new-post" size="sm">
                  Share the first idea
                </ButtonLink>
              ) : (
                <ButtonLink href={ctx.signInHref} size="sm">
                  Sign in to post the first idea
                </ButtonLink>
              )
            }
          />
        )
      ) : (
        <ul aria-label="Posts" data-testid="post-list" className="divide-y divide-border rounded-xl border border-border bg-card px-4">
          {posts.map((post) => (
            <PostRow key={post.id} post={post} ctx={ctx} />
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <Button variant="outline" className="self-center" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      ) : null}
    </section>
  );
}
