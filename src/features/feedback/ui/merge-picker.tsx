"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";
import { plural } from "@/lib/plural";
import { useTRPC } from "@/trpc/client";
import { POST_PAGE_SIZE } from "../constants";
import type { PostDto } from "../schemas";
import { Field } from "./field";
import type { BoardContext } from "./post-row";

/**
 * Finds the post to merge into by its title or text (the board's own search), instead of asking
 * for a raw id. The chosen post's id goes to `onChange`; null until one is picked.
 */
export function MergePicker({ post, ctx, value, onChange, error }: { post: PostDto; ctx: BoardContext; value: string | null; onChange: (id: string | null) => void; error?: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [chosenTitle, setChosenTitle] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const results = useQuery({
    ...trpc.feedback.posts.queryOptions({ workspaceSlug: ctx.workspaceSlug, boardId: post.boardId, sort: "top", q: q || null, status: null, tag: null, held: false, limit: POST_PAGE_SIZE }),
    enabled: q.length >= 2 && value === null,
  });
  const candidates = (results.data?.items ?? []).filter((p) => p.id !== post.id).slice(0, 6);

  if (value !== null) {
    return (
      <div className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Merge into</span>
        <span data-testid="merge-target">
          “{chosenTitle}”{" "}
          <button type="button" className="text-primary underline-offset-4 hover:underline" onClick={() => (onChange(null), setChosenTitle(null))}>
            Change
          </button>
        </span>
      </div>
    );
  }
  return (
    <div className="flex w-96 max-w-full flex-col gap-1">
      <Field id="merge-search" label="Merge into… (search this board)" error={error} hint="Its votes and comments move there; its voters are told.">
        {(aria) => <Input {...aria} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Title or words from the post" autoComplete="off" />}
      </Field>
      {q.length >= 2 ? (
        <ul aria-label="Posts to merge into" className="divide-y divide-border rounded-md border border-border bg-card text-sm" data-testid="merge-results">
          {results.isPending ? <li className="px-3 py-2 text-muted-foreground">Searching…</li> : null}
          {!results.isPending && candidates.length === 0 ? <li className="px-3 py-2 text-muted-foreground">No other post on this board matches “{q}”.</li> : null}
          {candidates.map((c) => (
            <li key={c.id}>
              <button type="button" className="flex w-full items-center justify-between gap-3 px-3 py-2 text-left hover:bg-muted focus-visible:bg-muted focus-visible:outline-none" onClick={() => (onChange(c.id), setChosenTitle(c.title))}>
                <span className="truncate">{c.title}</span>
                <span className="shrink-0 text-xs text-muted-foreground">{plural(c.voteCount, "vote")}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
