"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/client";
import { formatTotal, POST_STATUS_LABELS } from "../constants";
import type { BoardDto } from "../schemas";
import type { BoardContext } from "./post-row";
import { VoteButton } from "./vote-button";
import { EmptyState } from "@/components/ui/empty-state";
import { RoadmapSkeleton } from "./roadmap-view-skeleton";

export function RoadmapView({ board, ctx }: { board: BoardDto; ctx: BoardContext }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.feedback.roadmap.queryOptions({ workspaceSlug: ctx.workspaceSlug, boardId: board.id }));
  if (query.isPending) return <RoadmapSkeleton />;
  if (query.isError) return <p role="alert">Couldn&apos;t load the roadmap. Reload to try again.</p>;
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4" data-testid="roadmap">
      {query.data.columns.map((column) => (
        <section key={column.status} aria-labelledby={`col-${column.status}`} className="flex flex-col gap-3 rounded-xl border border-border bg-card p-3" data-status={column.status}>
          <h2 id={`col-${column.status}`} className="flex items-baseline justify-between font-semibold">
            {POST_STATUS_LABELS[column.status]} <span className="text-xs font-normal text-muted-foreground">{formatTotal(column.total, ["post", "posts"])}</span>
          </h2>
          {column.items.length === 0 ? <EmptyState compact title={`Nothing ${POST_STATUS_LABELS[column.status].toLowerCase()}`} description="Posts show up here when the team moves them to this status." /> : null}
          <ul className="flex flex-col gap-2">
            {column.items.map((post) => (
              <li key={post.id} className="flex items-start gap-2 rounded-md border border-border p-2">
                <VoteButton workspaceSlug={ctx.workspaceSlug} post={post} signedIn={ctx.signedIn} signInHref={ctx.signInHref} />
                <Link href={`/b/${ctx.workspaceSlug}/${ctx.boardSlug}/p/${post.id}`} className="text-sm font-medium hover:underline">
                  {post.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
