"use client";
import Link from "next/link";
import type { PostSummaryDto } from "../schemas";
import { StatusBadge } from "./status-badge";
import { VoteButton } from "./vote-button";
import { plural } from "@/lib/plural";
import { isPendingPost } from "./pending-post";
import { cn } from "@/lib/cn";

export type BoardContext = { workspaceSlug: string; boardSlug: string; signedIn: boolean; signInHref: string };

export function PostRow({ post, ctx }: { post: PostSummaryDto; ctx: BoardContext }) {
  const href = `/b/${ctx.workspaceSlug}/${ctx.boardSlug}/p/${post.id}`;
  const pending = isPendingPost(post);
  return (
    <li className={cn("flex items-start gap-4 py-4", pending && "opacity-70")} data-testid="post-row" data-post-id={post.id} aria-busy={pending || undefined}>
      <VoteButton workspaceSlug={ctx.workspaceSlug} post={post} signedIn={ctx.signedIn} signInHref={ctx.signInHref} disabled={pending} />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          {post.pinned ? <span className="text-xs font-medium text-primary">Pinned</span> : null}
          {pending ? (
            <span className="font-medium" data-testid="post-title">
              {post.title}
            </span>
          ) : (
            <Link href={href} className="font-medium hover:underline" data-testid="post-title">
              {post.title}
            </Link>
          )}
          {pending ? <span className="text-xs text-muted-foreground">Posting…</span> : null}
          {post.moderation === "held" ? <span className="text-xs text-amber-700 dark:text-amber-300">Waiting for review</span> : null}
        </div>
        {post.excerpt ? <p className="line-clamp-2 text-sm text-muted-foreground">{post.excerpt}</p> : null}
        <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
          <StatusBadge status={post.status} />
          {post.tags.map((t) => (
            <span key={t} className="rounded bg-muted px-1.5 py-0.5">
              {t}
            </span>
          ))}
          <span>
            {plural(post.commentCount, "comment")}
          </span>
          {post.author ? <span>by {post.author.displayName}</span> : null}
        </div>
      </div>
    </li>
  );
}
