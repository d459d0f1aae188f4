"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { POST_STATUS_LABELS, POST_STATUS_VALUES, type PostStatusValue } from "../constants";
import type { PostDto } from "../schemas";
import { Field, textareaClasses } from "./field";
import type { BoardContext } from "./post-row";
import { plural } from "@/lib/plural";
import { MergePicker } from "./merge-picker";

/** Editing (authors within the window, admins always) and the admins' tools for one post. */
export function ModerationPanel({ post, ctx }: { post: PostDto; ctx: BoardContext }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<PostStatusValue>(post.status);
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [mergeInto, setMergeInto] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const refresh = (title: string) => {
    toast({ title, variant: "success" });
    setErrors({});
    void queryClient.invalidateQueries({ queryKey: trpc.feedback.pathKey() });
  };
  const fail = (field: string) => (e: unknown) => {
    const { message, fieldErrors } = describeClientError(e);
    setErrors({ [field]: Object.values(fieldErrors ?? {})[0]?.[0] ?? message });
  };
  const base = { workspaceSlug: ctx.workspaceSlug, postId: post.id };
  const setStatusM = useMutation(trpc.feedback.setStatus.mutationOptions({ meta: { toast: false }, onSuccess: (p) => refresh(`Status: ${POST_STATUS_LABELS[p.status]}`), onError: fail("status") }));
  const moderate = useMutation(trpc.feedback.moderate.mutationOptions({ meta: { toast: false }, onSuccess: () => refresh("Post updated"), onError: fail("reason") }));
  const merge = useMutation(trpc.feedback.merge.mutationOptions({ meta: { toast: false }, onSuccess: (r) => refresh(`Merged: ${plural(r.movedVotes, "vote")} and ${plural(r.movedComments, "comment")} moved`), onError: fail("intoPostId") }));

  return (
    <div className="flex flex-col gap-4">
      {post.canEdit ? <EditPost post={post} ctx={ctx} /> : null}
      {post.canModerate ? (
        <section aria-labelledby="moderation-heading" className="flex flex-col gap-4 rounded-xl border border-border bg-card p-4" data-testid="moderation">
          <h2 id="moderation-heading" className="font-semibold">
            Moderation
          </h2>
          <div className="flex flex-wrap items-end gap-2">
            <Field id="post-status-select" label="Status" error={errors.status}>
              {(aria) => (
                <Select {...aria} value={status} onChange={(e) => setStatus(e.target.value as PostStatusValue)}>
                  {POST_STATUS_VALUES.map((s) => (
                    <option key={s} value={s}>
                      {POST_STATUS_LABELS[s]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field id="status-note" label="Note (optional)">
              {(aria) => <Input {...aria} value={note} onChange={(e) => setNote(e.target.value)} maxLength={600} />}
            </Field>
            <Button disabled={setStatusM.isPending || status === post.status} onClick={() => setStatusM.mutate({ ...base, status, note: note || null })}>
              Update status
            </Button>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button variant="outline" size="sm" onClick={() => moderate.mutate({ ...base, action: post.pinned ? "unpin" : "pin" })}>
              {post.pinned ? "Unpin" : "Pin"}
            </Button>
            <Button variant="outline" size="sm" onClick={() => moderate.mutate({ ...base, action: post.commentsLocked ? "unlock" : "lock" })}>
              {post.commentsLocked ? "Unlock comments" : "Lock comments"}
            </Button>
            {post.moderation === "held" ? (
              <Button size="sm" onClick={() => moderate.mutate({ ...base, action: "approve" })}>
                Approve
              </Button>
            ) : null}
          </div>
          {post.moderation === "visible" ? (
            <>
              <div className="flex flex-wrap items-end gap-2">
                <Field id="delete-reason" label="Reason for deleting" error={errors.reason}>
                  {(aria) => <Input {...aria} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={350} />}
                </Field>
                <Button variant="destructive" size="sm" onClick={() => moderate.mutate({ ...base, action: "delete", reason })}>
                  Delete post
                </Button>
              </div>
              <div className="flex flex-wrap items-end gap-2">
                <MergePicker post={post} ctx={ctx} value={mergeInto} onChange={setMergeInto} error={errors.intoPostId} />
                <Button variant="outline" size="sm" disabled={mergeInto === null || merge.isPending} onClick={() => mergeInto && merge.mutate({ ...base, intoPostId: mergeInto })}>
                  Merge
                </Button>
              </div>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function EditPost({ post, ctx }: { post: PostDto; ctx: BoardContext }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(post.title);
  const [body, setBody] = useState(post.body);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const update = useMutation(
    trpc.feedback.updatePost.mutationOptions({
      meta: { toast: false },
      onSuccess: () => {
        setOpen(false);
        toast({ title: "Post updated", variant: "success" });
        void queryClient.invalidateQueries({ queryKey: trpc.feedback.pathKey() });
      },
      onError: (e) => {
        const { message, fieldErrors } = describeClientError(e);
        setErrors({ title: fieldErrors?.title?.[0], body: fieldErrors?.body?.[0] ?? (fieldErrors ? undefined : message) });
      },
    }),
  );
  if (!open) {
    return (
      <Button variant="outline" size="sm" className="self-start" onClick={() => setOpen(true)}>
        Edit post{post.editableUntil && !post.canModerate ? ` (until ${post.editableUntil.toISOString().slice(11, 16)} UTC)` : ""}
      </Button>
    );
  }
  return (
    <form
      className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ workspaceSlug: ctx.workspaceSlug, postId: post.id, title, body, tags: post.tags });
      }}
    >
      <Field id="edit-title" label="Title" error={errors.title}>
        {(aria) => <Input {...aria} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field id="edit-body" label="Description (Markdown)" error={errors.body}>
        {(aria) => <textarea {...aria} value={body} onChange={(e) => setBody(e.target.value)} className={textareaClasses} />}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={update.isPending}>
          Save
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
