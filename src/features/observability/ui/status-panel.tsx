"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { useTRPC } from "@/trpc/client";

function formatUptime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${seconds % 60} s` : `${seconds} s`;
}

function CheckRow({ name, ok, detail }: { name: string; ok: boolean; detail: string }) {
  return (
    <div className="flex items-center justify-between gap-4 py-2">
      <dt className="text-sm font-medium">{name}</dt>
      <dd className="flex items-center gap-2 text-sm text-muted-foreground">
        <span aria-hidden="true" className={cn("size-2 rounded-full", ok ? "bg-success" : "bg-destructive")} />
        <span>{ok ? "OK" : "Failing"}</span>
        <span>· {detail}</span>
      </dd>
    </div>
  );
}

export function StatusPanel() {
  const trpc = useTRPC();
  const { data, refetch, isFetching } = useSuspenseQuery(trpc.observability.status.queryOptions());
  return (
    <Card data-testid="status-panel">
      <CardHeader className="flex-row items-start justify-between">
        <div className="flex flex-col gap-1.5">
          <CardTitle>System</CardTitle>
          <CardDescription>
            Version {data.version} ({data.commit}) · up {formatUptime(data.uptimeSeconds)}
          </CardDescription>
        </div>
        <div className="flex items-center gap-3">
          <span
            data-testid="overall-status"
            className="flex items-center gap-2 rounded-full border border-border px-2.5 py-0.5 text-xs font-semibold"
          >
            <span aria-hidden="true" className={cn("size-2 rounded-full", data.status === "ok" ? "bg-success" : "bg-destructive")} />
            {data.status === "ok" ? "All systems normal" : "Degraded"}
          </span>
          <Button variant="outline" size="sm" onClick={() => void refetch()} disabled={isFetching}>
            {isFetching ? "Checking…" : "Check again"}
          </Button>
        </div>
      </CardHeader>
      <CardContent>
        <dl className="divide-y divide-border">
          <CheckRow
            name="Database"
            ok={data.checks.database.ok}
            detail={data.checks.database.latencyMs === null ? data.checks.database.detail : `${data.checks.database.latencyMs} ms`}
          />
          <CheckRow name="Connection pool" ok={data.checks.pool.ok} detail={data.checks.pool.detail} />
          <CheckRow name="Live events (LISTEN)" ok={data.checks.listeners.ok} detail={data.checks.listeners.detail} />
          <CheckRow name="Migrations" ok={data.checks.migrations.ok} detail={data.checks.migrations.detail} />
          <CheckRow name="Background jobs" ok={data.checks.jobs.ok} detail={data.checks.jobs.detail} />
        </dl>
      </CardContent>
    </Card>
  );
}
