"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { VisibilityField } from "./visibility-field";
import { toast } from "@/components/ui/toast-store";
import { describeClientError, describeFormError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { BoardDto } from "../schemas";
import { Field, textareaClasses } from "./field";

/** Admins: name, description, visibility and tags of one board. */
export function BoardSettings({ board, workspaceSlug }: { board: BoardDto; workspaceSlug: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ name: board.name, description: board.description, visibility: board.visibility });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [tagName, setTagName] = useState("");
  const [tagError, setTagError] = useState<string | undefined>();
  const done = (title: string) => {
    toast({ title, variant: "success" });
    void queryClient.invalidateQueries({ queryKey: trpc.feedback.pathKey() });
    router.refresh();
  };
  const failedUpdate = (e: unknown) => {
    const { fieldErrors, toast: message } = describeFormError(e, ["name", "description", "visibility"]);
    setErrors(fieldErrors);
    if (message) toast({ title: "Board not saved", description: message, variant: "error" });
  };
  const update = useMutation(trpc.feedback.updateBoard.mutationOptions({ meta: { toast: false }, onSuccess: () => done("Board saved"), onError: failedUpdate }));
  const addTag = useMutation(trpc.feedback.createTag.mutationOptions({ meta: { toast: false }, onSuccess: () => (setTagName(""), done("Tag added")), onError: (e) => setTagError(describeClientError(e).fieldErrors?.name?.[0] ?? describeClientError(e).message) }));
  const removeTag = useMutation(trpc.feedback.deleteTag.mutationOptions({ onSuccess: () => done("Tag removed") }));

  function submit(event: FormEvent) {
    event.preventDefault();
    // The server's schema checks the fields; its errors land under each one (onError above).
    setErrors({});
    update.mutate({ workspaceSlug, boardId: board.id, ...values });
  }
  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4 rounded-xl border border-border bg-card p-4">
        <Field id="board-name" label="Name" error={errors.name}>
          {(aria) => <Input {...aria} value={values.name} onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))} />}
        </Field>
        <Field id="board-description" label="Description" error={errors.description}>
          {(aria) => <textarea {...aria} value={values.description} onChange={(e) => setValues((v) => ({ ...v, description: e.target.value }))} className={textareaClasses} />}
        </Field>
        <VisibilityField
          id="board-visibility"
          value={values.visibility}
          error={errors.visibility}
          hint="Public boards are readable by anyone at this address; signing in is needed to post or vote. Private boards are for members only."
          onChange={(visibility) => setValues((v) => ({ ...v, visibility }))}
        />
        <Button type="submit" className="self-start" disabled={update.isPending}>
          Save board
        </Button>
      </form>
      <section aria-labelledby="tags-heading" className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4">
        <h2 id="tags-heading" className="font-semibold">
          Tags
        </h2>
        <ul className="flex flex-wrap gap-2">
          {board.tags.map((t) => (
            <li key={t.slug} className="flex items-center gap-1 rounded bg-muted px-2 py-1 text-sm">
              {t.name}
              <button type="button" className="text-muted-foreground hover:text-foreground" aria-label={`Remove tag ${t.name}`} onClick={() => removeTag.mutate({ workspaceSlug, boardId: board.id, slug: t.slug })}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <form
          className="flex items-end gap-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTagError(undefined);
            addTag.mutate({ workspaceSlug, boardId: board.id, name: tagName });
          }}
        >
          <Field id="tag-name" label="New tag" error={tagError}>
            {(aria) => <Input {...aria} value={tagName} onChange={(e) => setTagName(e.target.value)} />}
          </Field>
          <Button type="submit" variant="outline">
            Add tag
          </Button>
        </form>
      </section>
    </div>
  );
}
