"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { isActiveExport } from "../constants";
import type { DataExport } from "../schemas";

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
/** `export.progress` events move the bar (the page wires them); this poll covers a lost connection. */
const POLL_MS = 2_000;

const formatSize = (bytes: number | null) => (bytes === null ? "" : bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);

export function ExportPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: exports } = useSuspenseQuery({
    ...trpc.exports.list.queryOptions(),
    refetchInterval: (query) => (query.state.data?.some(isActiveExport) ? POLL_MS : false),
  });

  const request = useMutation(
    trpc.exports.request.mutationOptions({
      meta: { toast: false },
      onSuccess: (queued) => {
        queryClient.setQueryData(trpc.exports.list.queryKey(), (old) => [queued, ...(old ?? []).filter((e) => e.id !== queued.id)]);
        toast({ title: "Export started", description: "We'll tell you here and in your notifications when it's ready." });
      },
      onError: (error) => toast({ title: "Export not started", description: describeClientError(error).message, variant: "error" }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.exports.list.queryKey() }),
    }),
  );

  const [latest, ...previous] = exports;
  const active = latest && isActiveExport(latest);
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Export my data</CardTitle>
          <CardDescription>
            A zip of JSON files: your profile, workspaces, feedback posts, comments and votes, security log, sessions and notifications. It&apos;s kept for 24 hours.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <Button className="self-start" onClick={() => request.mutate()} disabled={request.isPending || active}>
            {request.isPending ? "Starting…" : active ? "Export in progress…" : "Export my data"}
          </Button>
          {latest ? <LatestExport exp={latest} /> : null}
        </CardContent>
      </Card>
      {previous.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>Previous exports</CardTitle>
          </CardHeader>
          <CardContent>
            <ul aria-label="Previous exports" className="divide-y divide-border">
              {previous.map((e) => (
                <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span>{time.format(e.createdAt)} UTC</span>
                  <ExportOutcome exp={e} />
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}

function LatestExport({ exp }: { exp: DataExport }) {
  if (isActiveExport(exp)) {
    return (
      <div className="flex flex-col gap-2" data-testid="export-progress">
        <div className="flex justify-between text-sm">
          <span>{exp.step ?? "Preparing…"}</span>
          <span className="text-muted-foreground">{exp.progress}%</span>
        </div>
        <div
          role="progressbar"
          aria-label="Export progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={exp.progress}
          aria-valuetext={`${exp.progress}% — ${exp.step ?? "Preparing"}`}
          className="h-2 w-full overflow-hidden rounded-full bg-muted"
        >
          <div className="h-full bg-primary transition-[width] duration-300 motion-reduce:transition-none" style={{ width: `${exp.progress}%` }} />
        </div>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-border p-3 text-sm" data-testid="export-latest" data-status={exp.status}>
      <span>Requested {time.format(exp.createdAt)} UTC</span>
      <ExportOutcome exp={exp} />
    </div>
  );
}

function ExportOutcome({ exp }: { exp: DataExport }) {
  if (exp.downloadUrl) {
    return (
      <span className="flex flex-wrap items-center gap-2">
        <a href={exp.downloadUrl} download className="font-medium text-primary underline underline-offset-4" data-testid="export-download">
          Download ({formatSize(exp.size)})
        </a>
        <span className="text-muted-foreground">expires {time.format(exp.expiresAt!)} UTC</span>
      </span>
    );
  }
  if (exp.status === "failed") return <span className="text-destructive">{exp.error ?? "Failed"}</span>;
  if (exp.status === "done") return <span className="text-muted-foreground">Expired</span>;
  return <span className="text-muted-foreground">{exp.step ?? "Queued"}</span>;
}
