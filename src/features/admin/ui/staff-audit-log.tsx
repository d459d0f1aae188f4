"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { ChangeLines } from "@/components/ui/change-lines";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";
import { fieldLabel } from "@/lib/describe-change";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { AuditEntry } from "../schemas";
import { when } from "./detail-parts";

const PAGE = 50;

/** Everything staff did, newest first; append-only, so nothing here can be edited. */
export function StaffAuditLog() {
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query.trim());
  const log = useInfiniteQuery(trpc.admin.audit.infiniteQueryOptions({ query: deferred, limit: PAGE }, { getNextPageParam: (page) => page.nextCursor }));

  let body;
  if (log.isPending) body = <LoadingRegion label="Loading the audit log"><SkeletonRows rows={6} /></LoadingRegion>;
  else if (log.isError) body = <p role="alert" className="text-sm text-destructive">{describeClientError(log.error).message}</p>;
  else {
    const items = log.data.pages.flatMap((p) => p.items);
    body =
      items.length === 0 ? (
        <p className="py-3 text-sm text-muted-foreground">{deferred ? `Nothing in the audit log matches “${deferred}”.` : "No staff action has been recorded yet. Every change staff make — flags, account actions, impersonation, security rules — will appear here."}</p>
      ) : (
        <ul aria-label="Staff audit log" className="flex flex-col divide-y divide-border text-sm">
          {items.map((e) => (
            <AuditItem key={e.id} entry={e} />
          ))}
        </ul>
      );
  }

  return (
    <Card>
      <CardContent className="flex flex-col gap-4 p-6">
        <div className="flex flex-col gap-2">
          <Label htmlFor="staff-audit-search">Search by staff email, action, target id or reason</Label>
          <Input id="staff-audit-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" spellCheck={false} placeholder="user.lock" />
        </div>
        <div aria-live="polite">{body}</div>
        {log.hasNextPage ? (
          <Button variant="outline" className="self-start" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            {log.isFetchingNextPage ? "Loading…" : "Older entries"}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}

function AuditItem({ entry }: { entry: AuditEntry }) {
  return (
    <li data-testid="staff-audit-row" className="flex flex-col gap-1 py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <span className="font-medium" title={entry.action}>
          {fieldLabel(entry.action)}
        </span>
        <span className="text-xs text-muted-foreground">{when(entry.createdAt)}</span>
      </div>
      <p className="text-xs text-muted-foreground [overflow-wrap:anywhere]">
        {entry.actorEmail}
        {entry.impersonatorId ? " (while impersonating)" : ""} · {entry.targetType} <span className="font-mono">{entry.targetId}</span>
        {entry.ip ? ` · ${entry.ip}` : ""}
      </p>
      {entry.reason ? <p className="[overflow-wrap:anywhere]">Reason: {entry.reason}</p> : null}
      <div className="text-xs [overflow-wrap:anywhere]">
        <ChangeLines before={entry.before} after={entry.after} />
      </div>
    </li>
  );
}
