"use client";
import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { useTRPC } from "@/trpc/client";
import { nextPingCursor, PING_PAGE_SIZE } from "../constants";
import { PingForm } from "./ping-form";
import { isOptimisticPing } from "./use-record-ping";

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export function PingLog() {
  const trpc = useTRPC();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    trpc.observability.listPings.infiniteQueryOptions({ limit: PING_PAGE_SIZE }, { getNextPageParam: nextPingCursor }),
  );
  const pings = data.pages.flatMap((page) => page.items);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Write path</CardTitle>
        <CardDescription>Record a ping to prove a write reaches the database and comes back.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <PingForm />
        {pings.length === 0 ? (
          <EmptyState
            compact
            title="No pings yet"
            description="Each ping is written to the database and read back here, newest first: a quick proof that the app can write. Send the first one with the form above."
          />
        ) : (
          <ul aria-label="Recent pings" data-testid="ping-list" className="divide-y divide-border">
            {pings.map((ping) => (
              <li key={ping.id} className="flex items-center justify-between gap-4 py-2 text-sm" aria-busy={isOptimisticPing(ping) || undefined}>
                <span className="font-medium">{ping.label}</span>
                <span className="text-muted-foreground">{isOptimisticPing(ping) ? "Sending…" : `${time.format(ping.createdAt)} UTC`}</span>
              </li>
            ))}
          </ul>
        )}
        {hasNextPage ? (
          <Button variant="outline" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage} className="self-start">
            {isFetchingNextPage ? "Loading…" : "Load older pings"}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
