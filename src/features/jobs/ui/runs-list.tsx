"use client";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast-store";
import { cn } from "@/lib/cn";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { RUN_STATUSES, RUNS_LIMIT, runsQueryInput } from "../constants";
import type { RunSummary } from "../schemas";
import { formatTime } from "./format";
import { Select } from "@/components/ui/select";
import { plural } from "@/lib/plural";
import type { AdminWrite } from "@/lib/admin-mode";
import { RunsSkeletonRows } from "./runs-list-skeleton";

type Status = (typeof RUN_STATUSES)[number];

const STATUS_CLASS: Record<Status, string> = {
  queued: "bg-muted text-foreground",
  running: "bg-primary/15 text-primary",
  sleeping: "bg-muted text-foreground",
  waiting: "bg-muted text-foreground",
  completed: "bg-success/15 text-success",
  failed: "bg-destructive/15 text-destructive",
  cancelled: "bg-muted text-muted-foreground",
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

function RunSteps({ id }: { id: string }) {
  const trpc = useTRPC();
  const { data, isPending, error } = useQuery(trpc.jobs.run.queryOptions({ id }));
  if (isPending) return <Skeleton className="h-16 w-full" />;
  if (error) return <p className="text-sm text-destructive">{describeClientError(error).message}</p>;
  return (
    <div className="flex flex-col gap-2">
      <ol aria-label="Steps" className="flex flex-col gap-1 text-xs">
        {data.steps.map((s) => (
          <li key={s.id} className="flex flex-wrap gap-2">
            <span className="font-mono">{s.name ?? s.id}</span>
            <span className="text-muted-foreground">
              {s.status} · {s.attempts <= 1 ? "ran once" : `ran ${s.attempts} times`}
            </span>
            {s.error ? <code className="text-destructive">{s.error}</code> : null}
          </li>
        ))}
      </ol>
      {data.output !== null ? <pre className="overflow-x-auto rounded bg-muted p-2 text-xs">{json(data.output)}</pre> : null}
    </div>
  );
}

function RunRow({ run, onReplay, replaying }: { run: RunSummary; onReplay: () => void; replaying: boolean }) {
  const [open, setOpen] = useState(false);
  const replayable = run.status === "failed" || run.status === "cancelled";
  return (
    <li data-testid="run-row" className="flex flex-col gap-2 py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-0.5 text-sm">
          <span className="flex items-center gap-2 font-medium">
            <span className={cn("rounded-full px-2 py-0.5 text-xs font-semibold", STATUS_CLASS[run.status])}>{run.status}</span>
            <span className="font-mono">{run.functionId}</span>
          </span>
          <span className="text-muted-foreground">
            {run.eventName} · {formatTime(run.createdAt)} · {run.stepCount === null ? "" : `${plural(run.stepCount, "step")} · `}
            <span title="Each call to the app's /api/inngest runs the next step; a retry is one more call">{plural(run.calls, "call")} to the app</span>
            {run.replayOf ? ` · replay of ${run.replayOf}` : ""}
          </span>
          {run.error ? <code className="break-all text-xs text-destructive">{run.error}</code> : null}
        </div>
        <div className="flex gap-2">
          <Button variant="ghost" size="sm" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? "Hide" : "Details"}
          </Button>
          {replayable ? (
            <Button variant="outline" size="sm" onClick={onReplay} disabled={replaying}>
              Replay
            </Button>
          ) : null}
        </div>
      </div>
      {open ? (
        <div className="flex flex-col gap-2 rounded-md border border-border p-3">
          <span className="text-xs font-semibold">Payload</span>
          <pre className="overflow-x-auto rounded bg-muted p-2 text-xs">{json(run.payload)}</pre>
          <RunSteps id={run.id} />
        </div>
      ) : null}
    </li>
  );
}

function Runs({ status, onShowAll, adminMutation }: { status: Status | null; onShowAll: () => void; adminMutation: AdminWrite }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery({ ...trpc.jobs.runs.queryOptions(runsQueryInput(status)), refetchInterval: 5_000 });
  const replay = useMutation(
    adminMutation(
      trpc.jobs.replayRun.mutationOptions({
        meta: { toast: false },
        onError: (error) => toast({ title: "Run not replayed", description: describeClientError(error).message, variant: "error" }),
        onSuccess: ({ runId }) => toast({ title: "Run replayed", description: `New run ${runId} started with the same event.`, variant: "success" }),
        onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.jobs.runs.pathKey() }),
      }),
    ),
  );
  if (data.runs.length === 0) {
    return status ? (
      <EmptyState compact title={`No ${status.toLowerCase()} runs`} description="Runs with that status show up here; the other filters show the rest." action={<Button variant="outline" size="sm" onClick={onShowAll}>Show all runs</Button>} />
    ) : (
      <EmptyState compact title="No runs yet" description="Each background job (an email to send, a billing sync, a scheduled clean-up) is a run; they appear here with their steps as they start, and a failed one can be replayed." />
    );
  }
  return (
    <ul aria-label="Runs" className="divide-y divide-border">
      {data.runs.map((run) => (
        <RunRow key={run.id} run={run} replaying={replay.isPending && replay.variables?.runId === run.id} onReplay={() => replay.mutate({ runId: run.id })} />
      ))}
    </ul>
  );
}

/** Runs from the local dev server; elsewhere, where to find them. `adminMutation`: a replay is a staff write, so it goes through admin mode (wired in app/). */
export function RunsList({ adminMutation }: { adminMutation: AdminWrite }) {
  const trpc = useTRPC();
  const { data: overview } = useSuspenseQuery(trpc.jobs.overview.queryOptions());
  const [status, setStatus] = useState<Status | null>(null);
  if (!overview.runsAvailable) {
    return (
      <Card data-testid="runs-unavailable">
        <CardHeader>
          <CardTitle>Runs</CardTitle>
          <CardDescription>
            {overview.mode === "cloud" ? (
              <>
                Runs, their steps and replays live on the{" "}
                <a className="underline underline-offset-4" href={overview.dashboardUrl ?? "https://app.inngest.com"} target="_blank" rel="noreferrer">
                  Inngest dashboard
                </a>
                . Emails that gave up are in the outbox below.
              </>
            ) : (
              "No Inngest is configured, so nothing runs as a job: emails are delivered inline and appear in the outbox below."
            )}
          </CardDescription>
        </CardHeader>
      </Card>
    );
  }
  return (
    <Card data-testid="runs-list">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <CardTitle>Runs</CardTitle>
          <CardDescription>The latest {RUNS_LIMIT} runs on the local dev server, newest first.</CardDescription>
        </div>
        <label className="flex items-center gap-2 text-sm">
          Status
          <Select className="h-8" value={status ?? ""} onChange={(e) => setStatus((e.target.value || null) as Status | null)}>
            <option value="">all</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </label>
      </CardHeader>
      <CardContent>
        <Suspense fallback={<RunsSkeletonRows />}>
          <Runs status={status} onShowAll={() => setStatus(null)} adminMutation={adminMutation} />
        </Suspense>
      </CardContent>
    </Card>
  );
}
