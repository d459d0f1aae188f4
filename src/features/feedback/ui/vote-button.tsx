"use client";
import Link from "next/link";
import { UpvoteIcon } from "@/components/ui/icons";
import { cn } from "@/lib/cn";
import { useShownVote, useVote } from "./use-vote";
import { plural } from "@/lib/plural";

type Props = { workspaceSlug: string; post: { id: string; title: string; voteCount: number; viewerHasVoted: boolean }; signedIn: boolean; disabled?: boolean; signInHref: string };

const box = "flex w-14 shrink-0 flex-col items-center justify-center rounded-md border px-2 py-1.5 text-sm font-semibold tabular-nums transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring";

/** The count and the viewer's vote; signed-out visitors get a link to sign in instead. */
export function VoteButton({ workspaceSlug, post, signedIn, disabled, signInHref }: Props) {
  const shown = useShownVote(post);
  const vote = useVote(workspaceSlug);
  if (!signedIn) {
    return (
      <Link href={signInHref} className={cn(box, "border-border text-foreground hover:bg-muted")} aria-label={`Sign in to vote for “${post.title}” (${plural(shown.count, "vote")})`} data-testid="vote-count" data-count={shown.count}>
        <UpvoteIcon className="size-4" />
        {shown.count}
      </Link>
    );
  }
  return (
    <button
      type="button"
      onClick={() => vote(post)}
      disabled={disabled}
      aria-pressed={shown.voted}
      aria-label={`${shown.voted ? "Remove your vote for" : "Vote for"} “${post.title}”, ${plural(shown.count, "vote")}`}
      data-testid="vote-button"
      data-count={shown.count}
      className={cn(box, shown.voted ? "border-primary bg-primary text-primary-foreground hover:bg-primary/90" : "border-border bg-card text-foreground hover:bg-muted", "disabled:opacity-50")}
    >
      <UpvoteIcon className={cn("size-4", shown.voted && "fill-current")} />
      <span data-testid="vote-count">{shown.count}</span>
    </button>
  );
}
