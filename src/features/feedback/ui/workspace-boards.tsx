"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { VisibilityField } from "./visibility-field";
import { ListCardSkeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { slugify } from "@/lib/slug";
import { boardPath } from "../constants";
import { Field, firstErrors } from "./field";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button-link";

/** A workspace's boards, and (for admins) a form to create one. */
export function WorkspaceBoards({ workspaceSlug, canCreate }: { workspaceSlug: string; canCreate: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.feedback.boards.queryOptions({ workspaceSlug }));
  const [values, setValues] = useState({ name: "", slug: "", visibility: "public" as "public" | "private" });
  // The Address follows the Name until the person types an Address of their own.
  const [slugEdited, setSlugEdited] = useState(false);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const create = useMutation(
    trpc.feedback.createBoard.mutationOptions({
      meta: { toast: false },
      onSuccess: (b) => {
        toast({ title: "Board created", description: `${b.name} is at ${boardPath(workspaceSlug, b.slug)}.`, variant: "success" });
        setValues({ name: "", slug: "", visibility: "public" });
        setSlugEdited(false);
        void queryClient.invalidateQueries({ queryKey: trpc.feedback.boards.queryKey({ workspaceSlug }) });
      },
      onError: (e) => {
        const { message, fieldErrors } = describeClientError(e);
        setErrors(fieldErrors ? firstErrors(fieldErrors) : { name: message });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    create.mutate({ workspaceSlug, ...values });
  };
  if (query.isPending) return <ListCardSkeleton label="Loading boards" rows={2} />;
  return (
    <div className="flex flex-col gap-6">
      <ul className="divide-y divide-border rounded-xl border border-border bg-card px-4" aria-label="Boards">
        {query.data?.items.length === 0 ? (
          <li className="py-4">
            <EmptyState
              title="No boards yet"
              description="A board collects feedback from your users or your team: they post ideas, vote, and follow them on the roadmap and changelog."
              action={canCreate ? <ButtonLink href="#new-board-name" size="sm">Create the first board</ButtonLink> : undefined}
            />
          </li>
        ) : null}
        {query.data?.items.map((b) => (
          <li key={b.id} className="flex items-center justify-between gap-4 py-3">
            <div>
              <Link href={boardPath(workspaceSlug, b.slug)} className="font-medium hover:underline">
                {b.name}
              </Link>
              <p className="text-sm text-muted-foreground">{b.visibility === "public" ? "Public" : "Members only"} · {boardPath(workspaceSlug, b.slug)}</p>
            </div>
          </li>
        ))}
      </ul>
      {canCreate ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4 rounded-xl border border-border bg-card p-4" aria-labelledby="create-board-heading">
          <h2 id="create-board-heading" className="font-semibold">
            New board
          </h2>
          <Field id="new-board-name" label="Name" error={errors.name}>
            {(aria) => (
              <Input
                {...aria}
                value={values.name}
                onChange={(e) => {
                  const name = e.target.value;
                  setValues((v) => ({ ...v, name, slug: slugEdited ? v.slug : slugify(name) }));
                }}
              />
            )}
          </Field>
          <Field id="new-board-slug" label="Address" error={errors.slug} hint={`/b/${workspaceSlug}/${values.slug || "…"}`}>
            {(aria) => (
              <Input
                {...aria}
                value={values.slug}
                onChange={(e) => {
                  const slug = e.target.value;
                  setSlugEdited(slug !== "");
                  setValues((v) => ({ ...v, slug }));
                }}
                placeholder="feature-requests"
              />
            )}
          </Field>
          <VisibilityField id="new-board-visibility" value={values.visibility} error={errors.visibility} onChange={(visibility) => setValues((v) => ({ ...v, visibility }))} />
          <Button type="submit" className="self-start" disabled={create.isPending}>
            Create board
          </Button>
        </form>
      ) : null}
    </div>
  );
}
