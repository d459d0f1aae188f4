"use client";
import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useTRPC } from "@/trpc/client";
import { nextSecurityLogCursor, SECURITY_EVENT_LABELS, SECURITY_LOG_PAGE_SIZE } from "../constants";

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const cell = "px-3 py-2 text-left align-top";

export function SecurityLog() {
  const trpc = useTRPC();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    trpc.auth.securityLog.infiniteQueryOptions({ limit: SECURITY_LOG_PAGE_SIZE }, { getNextPageParam: nextSecurityLogCursor }),
  );
  const events = data.pages.flatMap((page) => page.items);
  if (events.length === 0) {
    return (
      <EmptyState
        title="Nothing has happened on your account yet"
        description="Sign-ins, failed attempts, password, email and two-factor changes are recorded here with the address and device they came from, so you can spot one that wasn't you."
      />
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <div className="overflow-x-auto rounded-xl border border-border bg-card">
        <table className="w-full text-sm" data-testid="security-log">
          <caption className="sr-only">Security events on your account, newest first</caption>
          <thead className="border-b border-border text-muted-foreground">
            <tr>
              <th scope="col" className={cell}>Event</th>
              <th scope="col" className={cell}>When (UTC)</th>
              <th scope="col" className={cell}>IP address</th>
              <th scope="col" className={`${cell} hidden md:table-cell`}>Device</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {events.map((event) => (
              <tr key={event.id}>
                <td className={cell}>
                  <span className="font-medium">{SECURITY_EVENT_LABELS[event.type] ?? event.type}</span>
                  {event.details ? <span className="block text-xs text-muted-foreground">{event.details}</span> : null}
                </td>
                <td className={`${cell} whitespace-nowrap`}>{time.format(event.createdAt)}</td>
                <td className={`${cell} font-mono text-xs`}>{event.ip ?? "—"}</td>
                <td className={`${cell} hidden max-w-72 truncate text-muted-foreground md:table-cell`} title={event.userAgent ?? undefined}>
                  {event.device}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hasNextPage ? (
        <Button variant="outline" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage} className="self-start">
          {isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      ) : null}
    </div>
  );
}
