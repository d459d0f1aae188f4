"use client";
import { useSuspenseInfiniteQuery, useSuspenseQuery } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { ChangeLines } from "@/components/ui/change-lines";
import { fieldLabel } from "@/lib/describe-change";
import { useTRPC } from "@/trpc/client";
import { AUDIT_ACTIONS, auditLogQueryInput, nextAuditCursor } from "../constants";
import type { AuditEntry } from "../schemas";
import { Select } from "./select";

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function AuditLog({ workspaceSlug }: { workspaceSlug: string }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState({ action: "", actorUserId: "" });
  // The transition keeps the current rows on screen while a new filter's rows load.
  const [isFiltering, startTransition] = useTransition();
  const { data: members } = useSuspenseQuery(trpc.workspaces.members.queryOptions({ workspaceSlug }));
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    trpc.workspaces.auditLog.infiniteQueryOptions(auditLogQueryInput(workspaceSlug, filters), { getNextPageParam: nextAuditCursor }),
  );
  const entries = data.pages.flatMap((p) => p.items);
  const setFilter = (key: "action" | "actorUserId", value: string) => startTransition(() => setFilters((f) => ({ ...f, [key]: value })));

  return (
    <Card>
      <CardContent className="flex flex-col gap-4">
        <div className="flex flex-wrap gap-4" role="search" aria-label="Filter the audit log">
          <div className="flex flex-col gap-2">
            <Label htmlFor="audit-action">Action</Label>
            <Select id="audit-action" value={filters.action} onChange={(e) => setFilter("action", e.target.value)}>
              <option value="">All actions</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>{fieldLabel(a)}</option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="audit-actor">Actor</Label>
            <Select id="audit-actor" value={filters.actorUserId} onChange={(e) => setFilter("actorUserId", e.target.value)}>
              <option value="">Anyone</option>
              {members.members.map((m) => (
                <option key={m.userId} value={m.userId}>{m.displayName}</option>
              ))}
            </Select>
          </div>
        </div>
        <div aria-busy={isFiltering || undefined} className={isFiltering ? "opacity-60" : undefined}>
          {entries.length === 0 ? (
            <EmptyState
              compact
              title={filters.action || filters.actorUserId ? "No events match these filters" : "Nothing recorded yet"}
              description="Changes to members, invites, roles, keys, boards and billing are recorded here: who made them, when, and what changed."
              action={filters.action || filters.actorUserId ? <Button size="sm" variant="outline" onClick={() => startTransition(() => setFilters({ action: "", actorUserId: "" }))}>Clear filters</Button> : undefined}
            />
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-muted-foreground">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">When (UTC)</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Actor</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Action</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Change</th>
                    <th scope="col" className="py-2 font-medium">IP</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-border">
                  {entries.map((e) => (
                    <AuditRow key={e.id} entry={e} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        {hasNextPage ? (
          <Button variant="outline" className="self-start" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            {isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr data-testid="audit-row">
      <td className="py-2 pr-4 whitespace-nowrap text-muted-foreground">{time.format(entry.createdAt)}</td>
      <td className="py-2 pr-4">
        {entry.actor?.displayName ?? "System"}
        {entry.impersonator ? <span className="block text-xs text-warning">via {entry.impersonator.displayName} (impersonating)</span> : null}
      </td>
      <td className="py-2 pr-4" title={entry.action}>
        {fieldLabel(entry.action)}
      </td>
      <td className="max-w-md py-2 pr-4 text-xs break-words">
        <ChangeLines before={entry.before} after={entry.after} />
      </td>
      <td className="py-2 font-mono text-xs text-muted-foreground">{entry.ip ?? "—"}</td>
    </tr>
  );
}
