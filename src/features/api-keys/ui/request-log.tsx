"use client";
import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { Suspense, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/trpc/client";
import { requestLogQueryInput, type RequestLogFilters as Filters } from "../constants";
import type { ApiKeyDto } from "../schemas";
import { formatDateTime } from "./format";

export function RequestLog({ workspaceSlug, keys, keyId }: { workspaceSlug: string; keys: ApiKeyDto[]; keyId: string }) {
  const [filters, setFilters] = useState<Filters>({ statusClass: "", method: "" });
  const [isFiltering, startTransition] = useTransition();
  // Read the value now: the updater runs later, after React has reset the controlled select.
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => startTransition(() => setFilters((f) => ({ ...f, [key]: value })));
  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-end justify-between gap-4">
        <CardTitle>Request log</CardTitle>
        <div className="flex flex-wrap gap-4" role="search" aria-label="Filter the request log">
          <div className="flex flex-col gap-2">
            <Label htmlFor="log-status">Status</Label>
            <Select id="log-status" value={filters.statusClass} onChange={(e) => setFilter("statusClass", e.target.value as Filters["statusClass"])}>
              <option value="">Any status</option>
              <option value="2xx">Success (2xx/3xx)</option>
              <option value="4xx">Client errors (4xx)</option>
              <option value="5xx">Server errors (5xx)</option>
            </Select>
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="log-method">Method</Label>
            <Select id="log-method" value={filters.method} onChange={(e) => setFilter("method", e.target.value as Filters["method"])}>
              <option value="">Any method</option>
              {["GET", "POST", "PUT", "DELETE"].map((m) => (
                <option key={m} value={m}>{m}</option>
              ))}
            </Select>
          </div>
        </div>
      </CardHeader>
      <CardContent aria-busy={isFiltering || undefined} className={isFiltering ? "opacity-60" : undefined}>
        <Suspense fallback={<RequestLogSkeleton />}>
          <RequestRows workspaceSlug={workspaceSlug} keyId={keyId} filters={filters} keyCount={keys.length} />
        </Suspense>
      </CardContent>
    </Card>
  );
}

function RequestRows({ workspaceSlug, keyId, filters, keyCount }: { workspaceSlug: string; keyId: string; filters: Filters; keyCount: number }) {
  const trpc = useTRPC();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    trpc.apiKeys.requestLog.infiniteQueryOptions(requestLogQueryInput(workspaceSlug, keyId, filters), { getNextPageParam: (p) => p.nextCursor }),
  );
  const rows = data.pages.flatMap((p) => p.items);
  if (rows.length === 0) {
    return <p className="py-6 text-center text-sm text-muted-foreground">{keyCount === 0 ? "Create a key and call the API; requests show up here." : "No requests match these filters yet."}</p>;
  }
  return (
    <div className="flex flex-col gap-4">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="request-log">
          <thead className="text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">Time</th>
              <th scope="col" className="py-2 pr-4 font-medium">Request</th>
              <th scope="col" className="py-2 pr-4 font-medium">Status</th>
              <th scope="col" className="py-2 pr-4 font-medium">Latency</th>
              <th scope="col" className="hidden py-2 pr-4 font-medium md:table-cell">IP</th>
              <th scope="col" className="hidden py-2 font-medium lg:table-cell">Key</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {rows.map((r) => (
              <tr key={r.id} data-testid="request-log-row">
                <td className="py-2 pr-4 whitespace-nowrap text-muted-foreground">{formatDateTime(r.createdAt)}</td>
                <td className="py-2 pr-4 font-mono text-xs">
                  <span className="font-semibold">{r.method}</span> {r.path}
                </td>
                <td className="py-2 pr-4">
                  <span className={`rounded px-1.5 py-0.5 font-mono text-xs ${r.status >= 500 ? "bg-destructive text-destructive-foreground" : r.status >= 400 ? "bg-amber-500/15 text-amber-800 dark:text-amber-300" : "bg-emerald-500/15 text-emerald-800 dark:text-emerald-300"}`}>{r.status}</span>
                </td>
                <td className="py-2 pr-4 tabular-nums">{r.latencyMs} ms</td>
                <td className="hidden py-2 pr-4 font-mono text-xs md:table-cell">{r.ip ?? "—"}</td>
                <td className="hidden py-2 lg:table-cell">{r.keyName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hasNextPage ? (
        <Button variant="outline" className="self-center" onClick={() => fetchNextPage()} disabled={isFetchingNextPage}>
          {isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      ) : null}
    </div>
  );
}

export function RequestLogSkeleton() {
  return (
    <LoadingRegion label="Loading requests">
      <div className="flex flex-col divide-y divide-border">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="flex items-center gap-4 py-2">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-5 w-10" />
            <Skeleton className="h-4 w-12" />
            <Skeleton className="hidden h-4 w-24 md:block" />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}
