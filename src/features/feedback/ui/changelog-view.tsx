"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";
import type { BoardDto } from "../schemas";
import type { BoardContext } from "./post-row";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button-link";
import { ChangelogSkeleton } from "./changelog-view-skeleton";

const day = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

export function ChangelogView({ board, ctx }: { board: BoardDto; ctx: BoardContext }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(trpc.feedback.changelog.infiniteQueryOptions({ workspaceSlug: ctx.workspaceSlug, boardId: board.id, limit: 20 }, { getNextPageParam: (p) => p.nextCursor }));
  if (query.isPending) return <ChangelogSkeleton />;
  if (query.isError) return <p role="alert">Couldn&apos;t load the changelog. Reload to try again.</p>;
  const entries = query.data.pages.flatMap((p) => p.items);
  return (
    <div className="flex flex-col gap-4">
      {entries.length === 0 ? (
        <EmptyState
          title="What shipped, with its release note"
          description="Nothing has shipped on this board yet. Posts appear here, newest first, when the team marks them done."
          action={
            <ButtonLink href={`/b/${ctx.workspaceSlug}/${ctx.boardSlug}`} size="sm" variant="outline">
              See the ideas on this board
            </ButtonLink>
          }
        />
      ) : null}
      <ol className="flex flex-col gap-3" data-testid="changelog">
        {entries.map((e) => (
          <li key={e.id} className="rounded-xl border border-border bg-card p-4">
            <p className="text-xs text-muted-foreground">{day.format(e.createdAt)}</p>
            <Link className="font-medium hover:underline" href={`/b/${ctx.workspaceSlug}/${ctx.boardSlug}/p/${e.postId}`}>
              {e.title}
            </Link>
            {e.note ? <p className="mt-1 text-sm whitespace-pre-line text-muted-foreground">{e.note}</p> : null}
          </li>
        ))}
      </ol>
      {query.hasNextPage ? (
        <Button variant="outline" className="self-start" onClick={() => void query.fetchNextPage()}>
          Older entries
        </Button>
      ) : null}
    </div>
  );
}
