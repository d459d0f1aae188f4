"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/lib/cn";
import { useTRPC } from "@/trpc/client";
import { formatSeconds, formatTime } from "./format";

const MODE_TEXT = {
  inline: "No Inngest configured: email is delivered inline after commit and scheduled jobs run in-process (each app process checks every 30 s; one runs each due schedule).",
  dev: "Local Inngest dev server.",
  cloud: "Inngest Cloud (or self-hosted Inngest). Runs are inspected on its dashboard.",
} as const;

function Stat({ label, value, bad }: { label: string; value: string; bad?: boolean }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={cn("text-lg font-semibold tabular-nums", bad && "text-destructive")}>{value}</dd>
    </div>
  );
}

export function JobsOverview() {
  const trpc = useTRPC();
  const { data, refetch, isFetching } = useSuspenseQuery({ ...trpc.jobs.overview.queryOptions(), refetchInterval: 10_000 });
  const over = (s: number | null) => s !== null && s > data.lagThresholdSeconds;
  return (
    <Card data-testid="jobs-overview">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <CardTitle className="flex items-center gap-2">
            <span aria-hidden="true" className={cn("size-2 rounded-full", data.ok ? "bg-success" : "bg-destructive")} />
            {data.ok ? "Background jobs healthy" : "Background jobs degraded"}
          </CardTitle>
          <CardDescription>
            {MODE_TEXT[data.mode]} {data.detail}
          </CardDescription>
        </div>
        <div className="flex items-center gap-2">
          {data.dashboardUrl ? (
            <a className="text-sm font-medium underline underline-offset-4" href={data.dashboardUrl} target="_blank" rel="noreferrer">
              Open the Inngest dashboard
            </a>
          ) : null}
          <Button variant="outline" size="sm" onClick={() => void refetch()} disabled={isFetching}>
            {isFetching ? "Refreshing…" : "Refresh"}
          </Button>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Stat label="Outbox relay lag" value={formatSeconds(data.outboxLagSeconds)} bad={over(data.outboxLagSeconds)} />
          <Stat label="Queue lag" value={formatSeconds(data.queueLagSeconds)} bad={over(data.queueLagSeconds)} />
          <Stat label="Lag threshold" value={formatSeconds(data.lagThresholdSeconds)} />
          <Stat label="Dead-lettered emails" value={String(data.deadLettered)} bad={data.deadLettered > 0} />
        </dl>
        {data.runCounts ? (
          <p className="text-sm text-muted-foreground" data-testid="run-counts">
            Runs:{" "}
            {Object.entries(data.runCounts)
              .filter(([, n]) => n > 0)
              .map(([status, n]) => `${n} ${status}`)
              .join(" · ") || "none yet"}
          </p>
        ) : null}
        <div>
          <h3 className="mb-2 text-sm font-semibold">Schedules</h3>
          {data.heartbeats.length === 0 ? (
            <EmptyState compact title="No schedules yet" description="Scheduled jobs (clean-ups, billing reconciliation) report a heartbeat here each time they run; they register when Inngest syncs the app, and an overdue one turns red." />
          ) : (
            <ul aria-label="Schedule heartbeats" className="divide-y divide-border">
              {data.heartbeats.map((h) => (
                <li key={h.name} data-testid="heartbeat-row" className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span className="font-mono">{h.name}</span>
                  <span className={cn("text-muted-foreground", h.overdue && "font-semibold text-destructive")}>
                    {h.lastBeatAt ? `last ran ${formatTime(h.lastBeatAt)}` : "not run yet"} · every {formatSeconds(h.expectedEverySeconds)}
                    {h.overdue ? " · overdue" : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
