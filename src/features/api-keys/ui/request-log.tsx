"use client";
import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { Suspense, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
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
          <RequestRows workspaceSlug={workspaceSlug} keyId={keyId} filters={filters} keyCount={keys.length} onClearFilters={() => startTransition(() => setFilters({ statusClass: "", method: "" }))} />
        </Suspense>
      </CardContent>
    </Card>
  );
}

type RowsProps = { workspaceSlug: string; keyId: string; filters: Filters; keyCount: number; onClearFilters: () => void };

function RequestRows({ workspaceSlug, keyId, filters, keyCount, onClearFilters }: RowsProps) {
  const trpc = useTRPC();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    trpc.apiKeys.requestLog.infiniteQueryOptions(requestLogQueryInput(workspaceSlug, keyId, filters), { getNextPageParam: (p) => p.nextCursor }),
  );
  const rows = data.pages.flatMap((p) => p.items);
  if (rows.length === 0) return <NoRequests workspaceSlug={workspaceSlug} keyCount={keyCount} filtered={!!(filters.statusClass || filters.method)} keyChosen={!!keyId} onClearFilters={onClearFilters} />;
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

function NoRequests({ workspaceSlug, keyCount, filtered, keyChosen, onClearFilters }: { workspaceSlug: string; keyCount: number; filtered: boolean; keyChosen: boolean; onClearFilters: () => void }) {
  const base = `/w/${workspaceSlug}/api-keys`;
  if (keyCount === 0) {
    return (
      <EmptyState
        compact
        title="No requests yet"
        description="Every call made with this workspace's keys is logged here: when, which route, the status, how long it took and from where. Start with a key."
        action={<ButtonLink href={base} size="sm">Create a key</ButtonLink>}
      />
    );
  }
  if (filtered) {
    return (
      <EmptyState
        compact
        title="No requests match these filters"
        description={`No request${keyChosen ? " with this key" : ""} has that status or method. Clear the filters to see every request.`}
        action={<Button size="sm" variant="outline" onClick={onClearFilters}>Clear filters</Button>}
      />
    );
  }
  return (
    <EmptyState
      compact
      title={keyChosen ? "This key has made no requests" : "No requests yet"}
      description="Every call made with this workspace's keys is logged here: when, which route, the status, how long it took and from where."
      action={<ButtonLink href={`${base}/reference`} size="sm" variant="outline">Read the API reference</ButtonLink>}
    />
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
