"use client";
import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton, SkeletonText } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast-store";
import { formatTimeLeft } from "@/lib/format-time-left";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { PREVIEW_STEPS } from "../constants";
import type { PreviewDto } from "../schemas";
import { PreviewFlags } from "./preview-flags";
import { usePreviewCache } from "./use-preview-list";
import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";

type Logs = Record<string, { step: string; text: string }>;

/** Create a preview of a branch or a commit; the branch list fills the field. */
export function CreatePreviewForm({ prefill, onPrefillUsed }: { prefill: string | null; onPrefillUsed: () => void }) {
  const trpc = useTRPC();
  const cache = usePreviewCache();
  const [ref, setRef] = useState("");
  const [error, setError] = useState<string | null>(null);
  const value = prefill ?? ref;
  const create = useMutation(
    trpc.previews.create.mutationOptions({
      meta: { toast: false },
      onSuccess: () => {
        toast({ title: `Preview of ${value} started`, description: "Its log streams below.", variant: "success" });
        setRef("");
        onPrefillUsed();
      },
      onError: (err) => {
        const { message, fieldErrors } = describeClientError(err);
        setError(fieldErrors?.ref?.[0] ?? message);
      },
      onSettled: () => cache.settle(),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    create.mutate({ ref: value.trim() });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-2 rounded-lg border border-border bg-card p-4" aria-label="Create preview" noValidate>
      <Label htmlFor="preview-ref">Branch or commit</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id="preview-ref"
          value={value}
          onChange={(e) => {
            onPrefillUsed();
            setRef(e.target.value);
          }}
          placeholder="main or 3f2a9c1"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "preview-ref-error" : undefined}
          className="sm:flex-1"
        />
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create preview"}
        </Button>
      </div>
      {error ? <FieldError id="preview-ref-error">{error}</FieldError> : null}
    </form>
  );
}

/** The repository's branches with their latest commit; "Preview" fills the form. */
export function BranchList({ onPick }: { onPick: (branch: string) => void }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.previews.branches.queryOptions());
  return (
    <section aria-labelledby="branches-heading" className="flex flex-col gap-2">
      <h2 id="branches-heading" className="text-lg font-semibold">
        Branches <span className="text-sm font-normal break-all text-muted-foreground">of {data.repository}</span>
      </h2>
      <ul className="flex flex-col divide-y divide-border rounded-lg border border-border" data-testid="branch-list">
        {data.branches.map((b) => (
          <li key={b.name} className="flex flex-wrap items-center gap-x-3 gap-y-1 p-3">
            <span className="font-medium break-all">{b.name}</span>
            <code className="text-xs text-muted-foreground">{b.commitSha.slice(0, 12)}</code>
            <span className="min-w-0 flex-1 truncate text-sm text-muted-foreground">{b.subject}</span>
            <Button size="sm" variant="outline" onClick={() => onPick(b.name)} aria-label={`Preview ${b.name}`}>
              Preview
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function BranchListSkeleton() {
  return (
    <div className="flex flex-col gap-2" aria-hidden="true">
      <Skeleton className="h-6 w-40" />
      {Array.from({ length: 3 }, (_, i) => (
        <Skeleton key={i} className="h-12 w-full" />
      ))}
    </div>
  );
}

/** Every preview: state, progress, per-step times, the live log, and its actions. */
export function PreviewList({ logs }: { logs: Logs }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.previews.list.queryOptions());
  return (
    <section aria-labelledby="previews-heading" className="flex flex-col gap-3">
      <h2 id="previews-heading" className="text-lg font-semibold">
        Previews{" "}
        <span className="text-sm font-normal text-muted-foreground">
          {data.active} of {data.cap} in use · {data.driver === "local" ? "on this machine" : "GitHub Actions → Vercel + Neon"}
        </span>
      </h2>
      {data.previews.length === 0 ? <EmptyState
          title="No previews yet"
          description="A preview runs any branch with its own database and address, for trying a change before it merges. Pick a branch above, or type a branch or commit, to start one."
          action={<ButtonLink href="#preview-ref" size="sm">Start a preview</ButtonLink>}
        /> : null}
      <ul className="flex flex-col gap-3">
        {data.previews.map((p) => (
          <PreviewCard key={p.id} preview={p} log={logs[p.id]} />
        ))}
      </ul>
    </section>
  );
}

export function PreviewListSkeleton() {
  return (
    <div className="flex flex-col gap-3" aria-hidden="true">
      <Skeleton className="h-6 w-48" />
      {Array.from({ length: 2 }, (_, i) => (
        <div key={i} className="flex flex-col gap-3 rounded-lg border border-border p-4">
          <Skeleton className="h-5 w-2/3" />
          <Skeleton className="h-2 w-full" />
          <SkeletonText lines={2} />
        </div>
      ))}
    </div>
  );
}

const STATE_LABEL: Record<PreviewDto["state"], string> = {
  queued: "Queued",
  building: "Building",
  ready: "Ready",
  failed: "Failed",
  dead: "Stopped",
  destroying: "Destroying",
  destroyed: "Destroyed",
};

const formatDuration = (ms: number | null) => (ms === null ? "" : ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`);

function PreviewCard({ preview: p, log }: { preview: PreviewDto; log?: { step: string; text: string } }) {
  const finished = p.steps.filter((s) => s.status === "done" || s.status === "skipped").length;
  const percent = p.state === "ready" ? 100 : Math.round((finished / PREVIEW_STEPS.length) * 100);
  const failed = p.steps.find((s) => s.status === "failed");
  const running = p.steps.find((s) => s.status === "running");
  const live = log && running && log.step === running.step ? log.text : running?.logTail;
  const gone = p.state === "destroyed";
  return (
    <li className="flex flex-col gap-3 rounded-lg border border-border bg-card p-4" data-testid="preview-card" data-preview-id={p.id} data-state={p.state}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="font-semibold break-all">{p.branch ?? p.ref}</span>
        <code className="text-xs text-muted-foreground">{p.commitSha.slice(0, 12)}</code>
        <span data-testid="preview-state" className="rounded-full bg-muted px-2 py-0.5 text-xs font-medium">
          {STATE_LABEL[p.state]}
        </span>
        <span className="text-xs text-muted-foreground">by {p.createdByEmail}</span>
        {!gone ? <span className="text-xs text-muted-foreground">expires in {formatTimeLeft(p.expiresAt)}</span> : null}
      </div>
      {p.url && p.state === "ready" ? (
        <a href={p.url} target="_blank" rel="noreferrer" className="text-sm font-medium text-primary underline-offset-4 hover:underline break-all" data-testid="preview-url">
          {p.url}
        </a>
      ) : null}
      {!gone ? (
        <div
          role="progressbar"
          aria-label={`Progress of ${p.branch ?? p.ref}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-2 w-full overflow-hidden rounded-full bg-muted"
        >
          <div className={`h-full ${p.state === "failed" || p.state === "dead" ? "bg-destructive" : "bg-primary"} transition-[width]`} style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      {!gone ? (
        <ol className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-3" aria-label="Steps">
          {p.steps.map((s) => (
            <li key={s.step} className="flex justify-between gap-2" data-step={s.step} data-status={s.status} data-ended-at={s.endedAt?.toISOString()}>
              <span className={s.status === "failed" ? "font-medium text-destructive" : s.status === "pending" ? "text-muted-foreground" : ""}>
                {s.status === "done" ? "✓ " : s.status === "failed" ? "✗ " : s.status === "running" ? "… " : s.status === "skipped" ? "– " : "· "}
                {PREVIEW_STEPS.find((d) => d.name === s.step)!.label}
              </span>
              <span className="text-xs text-muted-foreground tabular-nums">{formatDuration(s.durationMs)}</span>
            </li>
          ))}
        </ol>
      ) : null}
      {p.error ? (
        <p role="alert" className="text-sm text-destructive">
          {p.error}
        </p>
      ) : null}
      {failed || live ? (
        <pre data-testid="preview-log" className="max-h-64 overflow-auto rounded-md bg-muted p-2 text-xs whitespace-pre-wrap" aria-live="polite" aria-label={failed ? `End of the ${failed.step} log` : "Live log"}>
          {failed ? failed.logTail : live}
        </pre>
      ) : null}
      {!gone ? <PreviewFlags preview={p} /> : null}
      {!gone ? <PreviewActions preview={p} /> : null}
    </li>
  );
}

function PreviewActions({ preview: p }: { preview: PreviewDto }) {
  const trpc = useTRPC();
  const cache = usePreviewCache();
  const [confirming, setConfirming] = useState(false);
  const name = p.branch ?? p.ref;
  const failure = (title: string) => (err: unknown, _input: unknown, context?: { previous?: Parameters<typeof cache.restore>[0] }) => {
    cache.restore(context?.previous);
    toast({ title, description: `${describeClientError(err).message} Nothing changed; try again.`, variant: "error" });
  };
  const extend = useMutation(
    trpc.previews.extend.mutationOptions({
      meta: { toast: false },
      onMutate: async (input) => ({ previous: await cache.patch(p.id, (x) => ({ ...x, expiresAt: new Date(Math.max(x.expiresAt.getTime(), Date.now()) + input.hours * 3_600_000) })) }),
      onError: failure(`${name} not extended`),
      onSuccess: (r) => toast({ title: `${name} extended`, description: `It now expires in ${formatTimeLeft(r.expiresAt)}.`, variant: "success" }),
      onSettled: () => cache.settle(),
    }),
  );
  const retry = useMutation(
    trpc.previews.retry.mutationOptions({
      meta: { toast: false },
      onMutate: async () => ({ previous: await cache.patch(p.id, (x) => ({ ...x, state: "queued", error: null })) }),
      onError: failure(`${name} not retried`),
      onSettled: () => cache.settle(),
    }),
  );
  const destroy = useMutation(
    trpc.previews.destroy.mutationOptions({
      meta: { toast: false },
      onError: (err) => toast({ title: `${name} not destroyed`, description: `${describeClientError(err).message} Try again.`, variant: "error" }),
      onSuccess: () => {
        setConfirming(false);
        toast({ title: `Destroying ${name}`, description: "Its process, database and worktree go now." });
      },
      onSettled: () => cache.settle(),
    }),
  );
  const busy = p.state === "destroying";
  return (
    <div className="flex flex-wrap gap-2">
      {p.state === "failed" || p.state === "dead" ? (
        <Button size="sm" onClick={() => retry.mutate({ previewId: p.id })} disabled={retry.isPending || busy}>
          {p.state === "dead" ? "Restart" : `Retry from ${PREVIEW_STEPS.find((s) => s.name === p.failedStep)?.label.toLowerCase() ?? "the failed step"}`}
        </Button>
      ) : null}
      <Button size="sm" variant="outline" onClick={() => extend.mutate({ previewId: p.id, hours: 24 })} disabled={busy}>
        Extend 24 h
      </Button>
      <Button size="sm" variant="destructive" onClick={() => setConfirming(true)} disabled={busy}>
        {busy ? "Destroying…" : "Destroy now"}
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Destroy the preview of ${name}?`}
        description="Its server stops, its database is dropped and its worktree removed. This can't be undone."
        confirmLabel="Destroy"
        pending={destroy.isPending}
        onConfirm={() => destroy.mutate({ previewId: p.id })}
      />
    </div>
  );
}
