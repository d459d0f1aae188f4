"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Suspense } from "react";
import { lazyView } from "@/components/ui/lazy-view";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/trpc/client";
import { describeClientError } from "@/trpc/errors";
import { POST_STATUS_LABELS } from "../constants";
import { CommentsSkeleton } from "./comments-skeleton";
import type { BoardContext } from "./post-row";
import { StatusBadge } from "./status-badge";
import { VoteButton } from "./vote-button";
import { PostSkeleton } from "./post-view-skeleton";

// Only the post's author (for a while) and the board's admins get these tools: their code is
// fetched when they are shown, not by every reader (decision 041). If it can't load, the post
// still shows, with a note.
const ModerationPanel = lazyView("The editing tools", () => import("./moderation-panel").then((m) => m.ModerationPanel));

// Below the post: the comments' code (the list, the comment, reply and edit forms, their
// mutations) loads when they render, with their skeleton until then (decision 041).
const Comments = lazyView("The comments", () => import("./comments").then((m) => m.Comments));

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function PostView({ postId, ctx }: { postId: string; ctx: BoardContext }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.feedback.post.queryOptions({ workspaceSlug: ctx.workspaceSlug, postId }));
  if (query.isPending) return <PostSkeleton />;
  if (query.isError) return <p role="alert">{describeClientError(query.error).message}</p>;
  const post = query.data;
  const live = post.moderation === "visible";
  return (
    <div className="flex flex-col gap-8">
      <article className="flex flex-col gap-4" aria-labelledby="post-heading" data-testid="post" data-post-id={post.id}>
        {post.mergedInto ? (
          <p role="status" className="rounded-md border border-border bg-muted/40 p-3 text-sm">
            Merged into{" "}
            <Link className="underline" href={`/b/${ctx.workspaceSlug}/${ctx.boardSlug}/p/${post.mergedInto.id}`}>
              {post.mergedInto.title}
            </Link>
            ; votes and comments moved there.
          </p>
        ) : null}
        {post.moderation === "held" ? <p role="status" className="rounded-md border border-amber-600/40 p-3 text-sm">Waiting for an admin to review it (it has many links). Only you and the board&apos;s admins can see it.</p> : null}
        {post.moderation === "deleted" ? <p role="status" className="rounded-md border border-destructive/40 p-3 text-sm">Deleted: {post.deletedReason}</p> : null}
        <div className="flex items-start gap-4">
          <VoteButton workspaceSlug={ctx.workspaceSlug} post={post} signedIn={ctx.signedIn} signInHref={ctx.signInHref} disabled={!live} />
          <div className="flex min-w-0 flex-1 flex-col gap-2">
            <h1 id="post-heading" className="text-2xl font-semibold tracking-tight">
              {post.title}
            </h1>
            <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
              <StatusBadge status={post.status} />
              {post.tags.map((t) => (
                <span key={t} className="rounded bg-muted px-1.5 py-0.5 text-xs">
                  {t}
                </span>
              ))}
              <span>
                {post.author ? `by ${post.author.displayName}` : "by a former user"} · {time.format(post.createdAt)} UTC{post.editedAt ? " · edited" : ""}
              </span>
            </div>
          </div>
        </div>
        {/* Rendered and sanitized on the server (features/feedback/markdown.ts): no raw HTML survives. */}
        <div className="prose-feedback text-sm leading-relaxed wrap-anywhere [&_a]:underline [&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_li]:ml-5 [&_ol]:list-decimal [&_p]:my-2 [&_pre]:overflow-x-auto [&_ul]:list-disc" data-testid="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        {post.statusHistory.length > 1 ? (
          <section aria-labelledby="history-heading" className="text-sm">
            <h2 id="history-heading" className="font-semibold">
              Status history
            </h2>
            <ol className="mt-2 flex flex-col gap-1 text-muted-foreground" data-testid="status-history">
              {post.statusHistory.map((h) => (
                <li key={h.id}>
                  {time.format(h.createdAt)} UTC — {h.fromStatus ? `${POST_STATUS_LABELS[h.fromStatus]} → ` : ""}
                  {POST_STATUS_LABELS[h.toStatus]}
                  {h.changedBy ? ` by ${h.changedBy.displayName}` : ""}
                  {h.note ? `: ${h.note}` : ""}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        {post.canModerate || post.canEdit ? (
          <Suspense fallback={<Skeleton className="h-10 w-full" />}>
            <ModerationPanel post={post} ctx={ctx} />
          </Suspense>
        ) : null}
      </article>
      <Suspense fallback={<CommentsSkeleton />}>
        <Comments post={post} ctx={ctx} />
      </Suspense>
    </div>
  );
}
