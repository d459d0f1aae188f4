"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast-store";
import { newClientMutationId } from "@/lib/client-mutation-id";
import { describeFormError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { LIMITS, postFieldErrors } from "../constants";
import type { BoardDto } from "../schemas";
import { Field, textareaClasses } from "./field";
import type { BoardContext } from "./post-row";
import { useFlagValue } from "@/lib/flags/use-flag";
import { plural } from "@/lib/plural";
import { showPendingPost } from "./pending-post";

/** New post, with similar existing posts suggested while the title is typed (vote instead of duplicating). */
export function NewPostForm({ board, ctx }: { board: BoardDto; ctx: BoardContext }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [tags, setTags] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setTyped(title.trim()), 200);
    return () => clearTimeout(timer);
  }, [title]);
  const suggestSimilar = useFlagValue("feedback.similar-posts");
  const similar = useQuery({ ...trpc.feedback.similar.queryOptions({ workspaceSlug: ctx.workspaceSlug, boardId: board.id, title: typed }), enabled: suggestSimilar && typed.length >= 4, placeholderData: (prev) => prev });

  const create = useMutation(
    trpc.feedback.createPost.mutationOptions({
      meta: { toast: false },
      // Like a vote: the post is on the board (marked "Posting…") the moment it is sent; a refusal
      // takes it off again, puts the text back in the form and says why.
      onMutate: async (input) => {
        const typedValues = { title, body, tags };
        setTitle("");
        setBody("");
        setTags([]);
        return { typedValues, lists: await showPendingPost(queryClient, trpc.feedback.posts.pathKey(), input) };
      },
      onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.feedback.posts.pathKey() }),
      onSuccess: (post) => {
        toast({ title: post.moderation === "held" ? "Posted — waiting for review" : "Posted", description: post.moderation === "held" ? "Posts with many links are checked by an admin before others see them." : `“${post.title}” is on the board.`, variant: "success" });
      },
      onError: (error, _input, context) => {
        if (context) {
          for (const [key, data] of context.lists) queryClient.setQueryData(key, data);
          setTitle(context.typedValues.title);
          setBody(context.typedValues.body);
          setTags(context.typedValues.tags);
        }
        const { fieldErrors, toast: message } = describeFormError(error, ["title", "body", "tags"]);
        setErrors(fieldErrors);
        setFormError(message);
        if (message) toast({ title: "Your post wasn't published", description: `${message} Your text is back in the form; try again.`, variant: "error" });
      },
    }),
  );

  if (!ctx.signedIn) {
    return (
      <p className="rounded-xl border border-border bg-card p-4 text-sm">
        <Link href={ctx.signInHref} className="font-medium underline">
          Sign in
        </Link>{" "}
        to post an idea or vote.
      </p>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const invalid = postFieldErrors(title, body);
    if (invalid.title || invalid.body) return setErrors(invalid);
    setErrors({});
    create.mutate({ workspaceSlug: ctx.workspaceSlug, boardId: board.id, title: title.trim(), body: body.trim(), tags, clientMutationId: newClientMutationId() });
  }

  const suggestions = suggestSimilar && typed.length >= 4 ? (similar.data?.items ?? []) : [];
  return (
    <form id="new-post" onSubmit={submit} noValidate className="flex flex-col gap-4 rounded-xl border border-border bg-card p-4" aria-labelledby="new-post-heading">
      <h2 id="new-post-heading" className="font-semibold">
        Share an idea
      </h2>
      <Field id="post-title" label="Title" error={errors.title} hint={`${title.length}/${LIMITS.title}`}>
        {(aria) => <Input {...aria} name="title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={LIMITS.title + 50} autoComplete="off" placeholder="A short summary of your idea" />}
      </Field>
      {suggestions.length > 0 ? (
        <div className="rounded-md border border-border bg-muted/40 p-3 text-sm" data-testid="similar-posts" aria-live="polite">
          <p className="font-medium">Similar posts — vote for one of these instead?</p>
          <ul className="mt-1 list-disc pl-5">
            {suggestions.map((s) => (
              <li key={s.id}>
                <Link href={`/b/${ctx.workspaceSlug}/${ctx.boardSlug}/p/${s.id}`} className="underline">
                  {s.title}
                </Link>{" "}
                <span className="text-muted-foreground">({plural(s.voteCount, "vote")})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Field id="post-body" label="Description (Markdown)" error={errors.body} hint={`${body.length.toLocaleString("en")}/${LIMITS.body.toLocaleString("en")}`}>
        {(aria) => <textarea {...aria} name="body" value={body} onChange={(e) => setBody(e.target.value)} className={textareaClasses} placeholder="What problem would this solve for you?" />}
      </Field>
      {board.tags.length > 0 ? (
        <fieldset className="flex flex-col gap-2" aria-describedby={errors.tags ? "post-tags-error" : undefined}>
          <legend className="text-sm font-medium">Tags</legend>
          <div className="flex flex-wrap gap-3">
            {board.tags.map((t) => (
              <label key={t.slug} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" checked={tags.includes(t.slug)} onChange={(e) => setTags((all) => (e.target.checked ? [...all, t.slug] : all.filter((x) => x !== t.slug)))} />
                {t.name}
              </label>
            ))}
          </div>
          {errors.tags ? (
            <p id="post-tags-error" className="text-sm text-destructive">
              {errors.tags}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      {formError ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          {formError}
        </p>
      ) : null}
      <Button type="submit" className="self-start" disabled={create.isPending}>
        {create.isPending ? "Posting…" : "Post idea"}
      </Button>
    </form>
  );
}
