"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useState, useTransition, type ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button-link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/trpc/client";
import { API_KEY_PAGE_SIZE, USAGE_DEFAULT_DAYS } from "../constants";
import { formatDate } from "./format";
import { RequestLog } from "./request-log";
import { RequestsPerDayChart, RoutesChart } from "./usage-charts";

/** Usage per workspace or per key (charts) above the request log; both filter by key. */
export function UsageDashboard({ workspaceSlug }: { workspaceSlug: string }) {
  const trpc = useTRPC();
  const [keyId, setKeyId] = useState("");
  const [days, setDays] = useState(USAGE_DEFAULT_DAYS);
  const [isFiltering, startTransition] = useTransition();
  const { data: keys } = useSuspenseQuery(trpc.apiKeys.list.queryOptions({ workspaceSlug, limit: API_KEY_PAGE_SIZE }));
  const { data: usage } = useSuspenseQuery(trpc.apiKeys.usage.queryOptions({ workspaceSlug, days, ...(keyId ? { keyId } : {}) }));
  const quotaShare = Math.min(1, usage.period.requests / usage.plan.monthlyApiRequests);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap gap-4" role="search" aria-label="Filter usage">
        <div className="flex flex-col gap-2">
          <Label htmlFor="usage-key">Key</Label>
          <Select id="usage-key" value={keyId} onChange={(e) => startTransition(() => setKeyId(e.target.value))}>
            <option value="">All keys</option>
            {keys.items.map((k) => (
              <option key={k.id} value={k.id}>{k.name} ({k.start}…)</option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="usage-days">Period</Label>
          <Select id="usage-days" value={days} onChange={(e) => startTransition(() => setDays(Number(e.target.value)))}>
            <option value={7}>Last 7 days</option>
            <option value={14}>Last 14 days</option>
            <option value={30}>Last 30 days</option>
            <option value={90}>Last 90 days</option>
          </Select>
        </div>
      </div>

      <div aria-busy={isFiltering || undefined} className={`flex flex-col gap-6 ${isFiltering ? "opacity-60" : ""}`}>
        <dl className="grid gap-4 sm:grid-cols-4">
          <Stat label="Requests" value={usage.totals.requests.toLocaleString("en-US")} testId="usage-total-requests" />
          <Stat label="Error rate" value={`${(usage.totals.errorRate * 100).toFixed(1)}%`} />
          <Stat label="p95 latency" value={usage.totals.p95LatencyMs === null ? "—" : `${usage.totals.p95LatencyMs} ms`} />
          <Stat label={`This month (${usage.plan.name} plan)`} value={`${usage.period.requests.toLocaleString("en-US")} / ${usage.plan.monthlyApiRequests.toLocaleString("en-US")}`}>
            <span className="mt-2 block h-1.5 rounded bg-muted" role="progressbar" aria-label="Monthly quota used" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(quotaShare * 100)}>
              <span className={`block h-1.5 rounded ${quotaShare > 0.9 ? "bg-destructive" : "bg-primary"}`} style={{ width: `${quotaShare * 100}%` }} />
            </span>
            <span className="mt-1 block text-xs text-muted-foreground">Resets {formatDate(usage.period.resetsAt)}</span>
          </Stat>
        </dl>
        <Card>
          <CardHeader>
            <CardTitle>Requests per day</CardTitle>
            <CardDescription>Counters are written every second, so the latest requests can take a moment to appear.</CardDescription>
          </CardHeader>
          <CardContent>
            <RequestsPerDayChart days={usage.days} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Per route</CardTitle>
          </CardHeader>
          <CardContent className="overflow-x-auto">
            {usage.routes.length === 0 ? <NoCallsYet workspaceSlug={workspaceSlug} hasKeys={keys.items.length > 0}/> : <RoutesChart routes={usage.routes} />}
          </CardContent>
        </Card>
      </div>
      <RequestLog workspaceSlug={workspaceSlug} keys={keys.items} keyId={keyId} />
    </div>
  );
}

/** What the usage page is for and how calls get here: a key first, then the API reference. */
function NoCallsYet({ workspaceSlug, hasKeys }: { workspaceSlug: string; hasKeys: boolean }) {
  const base = `/w/${workspaceSlug}/api-keys`;
  return (
    <EmptyState
      compact
      title="No API calls in this period"
      description={
        hasKeys
          ? "Each route your keys call is listed here with its requests, errors and mean latency. Calls show up within seconds; a longer period may hold older ones."
          : "Each route your keys call is listed here with its requests, errors and mean latency. Create a key, then call the REST API with it."
      }
      action={hasKeys ? <ButtonLink href={`${base}/reference`} size="sm" variant="outline">Read the API reference</ButtonLink> : <ButtonLink href={base} size="sm">Create a key</ButtonLink>}
    />
  );
}

function Stat({ label, value, children, testId }: { label: string; value: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="rounded-xl border border-border bg-card p-4">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="mt-1">
        <span className="text-2xl font-semibold tabular-nums" data-testid={testId}>{value}</span>
        {children}
      </dd>
    </div>
  );
}
