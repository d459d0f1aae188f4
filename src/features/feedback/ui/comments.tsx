"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";
import { cn } from "@/lib/cn";
import { newClientMutationId } from "@/lib/client-mutation-id";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { LIMITS } from "../constants";
import type { CommentDto, PostDto } from "../schemas";
import { Field, textareaClasses } from "./field";
import type { BoardContext } from "./post-row";
import { EmptyState } from "@/components/ui/empty-state";
import { CommentsSkeleton } from "./comments-skeleton";

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function Comments({ post, ctx }: { post: PostDto; ctx: BoardContext }) {
  const trpc = useTRPC();
  const input = { workspaceSlug: ctx.workspaceSlug, postId: post.id, limit: 50 };
  const query = useInfiniteQuery(trpc.feedback.comments.infiniteQueryOptions(input, { getNextPageParam: (p) => p.nextCursor }));
  const comments = query.data?.pages.flatMap((p) => p.items) ?? [];
  const canComment = ctx.signedIn && post.moderation === "visible" && (!post.commentsLocked || post.canModerate);
  return (
    <section aria-labelledby="comments-heading" className="flex flex-col gap-4">
      <h2 id="comments-heading" className="text-lg font-semibold">
        Comments ({post.commentCount})
      </h2>
      {query.isPending ? (
        <CommentsSkeleton />
      ) : comments.length === 0 ? (
        <EmptyState compact title="No comments yet" description={canComment ? "Ask a question or add what this would solve for you: the form is below." : "Questions and details about this post appear here."} />
      ) : (
        <ul aria-label="Comments" data-testid="comment-list" className="flex flex-col gap-3">
          {comments.map((c) => (
            <CommentItem key={c.id} comment={c} post={post} ctx={ctx} canReply={canComment && c.parentId === null && !c.deleted} />
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <Button variant="outline" className="self-start" onClick={() => void query.fetchNextPage()}>
          Load more comments
        </Button>
      ) : null}
      {post.commentsLocked ? <p className="text-sm text-muted-foreground">Comments are locked.</p> : null}
      {canComment ? (
        <CommentForm post={post} ctx={ctx} />
      ) : !ctx.signedIn ? (
        <p className="text-sm">
          <Link className="underline" href={ctx.signInHref}>
            Sign in
          </Link>{" "}
          to comment.
        </p>
      ) : null}
    </section>
  );
}

function CommentItem({ comment: c, post, ctx, canReply }: { comment: CommentDto; post: PostDto; ctx: BoardContext; canReply: boolean }) {
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.feedback.deleteComment.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.feedback.comments.pathKey() }),
    }),
  );
  return (
    <li className={cn("flex flex-col gap-1 rounded-md border border-border bg-card p-3", c.parentId && "ml-8")} data-testid="comment" data-official={c.official}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <span className="font-medium text-foreground">{c.deleted ? "Deleted comment" : (c.author?.displayName ?? "Former user")}</span>
        {c.official && !c.deleted ? <span className="rounded bg-primary px-1.5 py-0.5 font-medium text-primary-foreground">Official</span> : null}
        <span>{time.format(c.createdAt)} UTC</span>
        {c.editedAt ? <span>· edited</span> : null}
      </div>
      {editing ? (
        <CommentForm post={post} ctx={ctx} editing={c} onDone={() => setEditing(false)} />
      ) : c.deleted ? (
        <p className="text-sm text-muted-foreground italic">This comment was deleted.</p>
      ) : (
        <div className="text-sm [&_a]:underline [&_p]:my-1" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
      )}
      <div className="flex gap-2">
        {canReply ? (
          <Button variant="ghost" size="sm" onClick={() => setReplying((r) => !r)}>
            Reply
          </Button>
        ) : null}
        {c.canEdit && !editing ? (
          <>
            <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button variant="ghost" size="sm" disabled={remove.isPending} onClick={() => remove.mutate({ workspaceSlug: ctx.workspaceSlug, commentId: c.id })}>
              Delete
            </Button>
          </>
        ) : null}
      </div>
      {replying ? <CommentForm post={post} ctx={ctx} parentId={c.id} onDone={() => setReplying(false)} /> : null}
    </li>
  );
}

function CommentForm({ post, ctx, parentId, editing, onDone }: { post: PostDto; ctx: BoardContext; parentId?: string; editing?: CommentDto; onDone?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [body, setBody] = useState(editing?.body ?? "");
  const [error, setError] = useState<string | undefined>();
  const options = { meta: { toast: false } };
  const done = () => {
    setBody("");
    void queryClient.invalidateQueries({ queryKey: trpc.feedback.comments.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.feedback.post.pathKey() });
    onDone?.();
  };
  const fail = (e: unknown) => {
    const { message, fieldErrors } = describeClientError(e);
    setError(fieldErrors?.body?.[0] ?? message);
  };
  const create = useMutation(trpc.feedback.createComment.mutationOptions({ ...options, onSuccess: done, onError: fail }));
  const update = useMutation(trpc.feedback.updateComment.mutationOptions({ ...options, onSuccess: () => (toast({ title: "Comment updated", variant: "success" }), done()), onError: fail }));
  const id = editing ? `edit-${editing.id}` : parentId ? `reply-${parentId}` : "new-comment";

  function submit(event: FormEvent) {
    event.preventDefault();
    // The server's schema checks the comment (empty, too long) and the error lands under the field.
    setError(undefined);
    if (editing) update.mutate({ workspaceSlug: ctx.workspaceSlug, commentId: editing.id, body });
    else create.mutate({ workspaceSlug: ctx.workspaceSlug, postId: post.id, body, parentId: parentId ?? null, clientMutationId: newClientMutationId() });
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-2">
      <Field id={id} label={editing ? "Edit comment" : parentId ? "Reply" : "Add a comment"} error={error} hint={`${body.length.toLocaleString("en")}/${LIMITS.comment.toLocaleString("en")}`}>
        {(aria) => <textarea {...aria} value={body} onChange={(e) => setBody(e.target.value)} className={textareaClasses} />}
      </Field>
      <Button type="submit" size="sm" className="self-start" disabled={create.isPending || update.isPending}>
        {editing ? "Save" : parentId ? "Reply" : "Comment"}
      </Button>
    </form>
  );
}
