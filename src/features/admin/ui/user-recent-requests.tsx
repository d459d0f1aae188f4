"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ListCardSkeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/trpc/client";
import { Badge } from "./badge";
import { when } from "./detail-parts";

/**
 * The user's newest requests in the app, each with the request id their browser got back (and
 * the logs carry): a ticket's "it failed" becomes a log search. Written within about a second.
 */
export function UserRecentRequests({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const { data, refetch, isRefetching } = useSuspenseQuery(trpc.admin.userRecentRequests.queryOptions({ id: userId }));
  return (
    <Card data-testid="admin-user-recent-requests">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <CardTitle>Recent requests in the app</CardTitle>
          <CardDescription>Their newest requests while signed in (at most 50), each with the request id to find in the logs.</CardDescription>
        </div>
        <Button variant="outline" size="sm" onClick={() => void refetch()} disabled={isRefetching}>
          {isRefetching ? "Refreshing…" : "Refresh"}
        </Button>
      </CardHeader>
      <CardContent className="p-6">
        {data.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">No requests recorded: they haven&apos;t used the app while signed in lately.</p>
        ) : (
          <ul aria-label="Recent requests in the app" className="flex flex-col divide-y divide-border text-sm">
            {data.items.map((r) => (
              <li key={r.requestId} data-request-id={r.requestId} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between">
                <div className="flex min-w-0 flex-col">
                  <span className="truncate font-mono text-xs">{r.requestId}</span>
                  <span className="truncate text-xs text-muted-foreground">
                    {r.method} {r.path}
                  </span>
                </div>
                <div className="flex shrink-0 flex-wrap items-center gap-1 text-xs text-muted-foreground">
                  <Badge tone={r.ok ? "ok" : "danger"}>{r.status}</Badge>
                  {r.impersonator ? <Badge tone="warn">support: {r.impersonator.email}</Badge> : null}
                  {when(r.createdAt)}
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

export function UserRecentRequestsSkeleton() {
  return <ListCardSkeleton label="Loading recent requests" rows={3} />;
}
