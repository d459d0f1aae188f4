"use client";
import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { useTRPC } from "@/trpc/client";

const short = (v: unknown) => {
  const s = JSON.stringify(v);
  return s && s.length > 160 ? `${s.slice(0, 160)}…` : (s ?? "—");
};

/** Flag changes from the staff audit log, before and after, newest first. Pages render it through FlagAuditLazy. */
export function FlagAudit({ flagKey }: { flagKey: string | null }) {
  const trpc = useTRPC();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    trpc.flags.audit.infiniteQueryOptions({ key: flagKey, limit: 20 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const items = data.pages.flatMap((p) => p.items);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Audit log</CardTitle>
        <CardDescription>Who changed {flagKey ? "this flag" : "flags"}, when, why, and what it was before and after.</CardDescription>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? (
          <EmptyState
            compact
            title={flagKey ? "This flag hasn't been changed" : "No flag changes yet"}
            description={`Every save, kill switch and override ${flagKey ? "of this flag" : "of a flag"} is recorded here: who made it, when, the reason they gave, and the value before and after.`}
          />
        ) : (
          <ul aria-label="Audit log" className="flex flex-col divide-y divide-border">
            {items.map((e) => (
              <li key={e.id} data-testid="audit-entry" className="flex flex-col gap-1 py-2 text-sm">
                <span>
                  <span className="font-medium">{e.action}</span> <span className="font-mono">{e.targetId}</span> by {e.actorEmail} · {e.createdAt.toLocaleString()}
                </span>
                {e.reason ? <span className="text-muted-foreground">“{e.reason}”</span> : null}
                <code className="break-all text-xs text-muted-foreground">before {short(e.before)}</code>
                <code className="break-all text-xs text-muted-foreground">after {short(e.after)}</code>
              </li>
            ))}
          </ul>
        )}
        {hasNextPage ? (
          <Button variant="outline" size="sm" className="mt-3" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            {isFetchingNextPage ? "Loading…" : "Older changes"}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
