"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useTRPC } from "@/trpc/client";
import { API_KEY_PAGE_SIZE } from "../constants";
import type { ApiKeyDto } from "../schemas";
import { formatDate, formatRelative } from "./format";
import { EmptyState } from "@/components/ui/empty-state";
import { loadOnOpen } from "@/components/ui/load-on-open";

// The dialogs' forms and mutations load on demand, preloaded when idle (decision 041).
const CreateKeyDialog = loadOnOpen(() => import("./create-key-dialog"));
const EditKeyDialog = loadOnOpen(() => import("./edit-key-dialog"));
const RollKeyDialog = loadOnOpen(() => import("./roll-key-dialog"));
const RevokeKeyDialog = loadOnOpen(() => import("./revoke-key-dialog"));

const STATUS: Record<ApiKeyDto["status"], { label: string; className: string }> = {
  active: { label: "Active", className: "bg-emerald-500/15 text-emerald-800 dark:text-emerald-300" },
  expired: { label: "Expired", className: "bg-muted text-muted-foreground" },
  revoked: { label: "Revoked", className: "bg-destructive/15 text-destructive" },
  creator_left: { label: "Creator left", className: "bg-amber-500/15 text-amber-800 dark:text-amber-300" },
};

type Role = "owner" | "admin" | "member";

export function ApiKeysPanel({ workspaceSlug, role }: { workspaceSlug: string; role: Role }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.apiKeys.list.queryOptions({ workspaceSlug, limit: API_KEY_PAGE_SIZE }));
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);
  const [rolling, setRolling] = useState<ApiKeyDto | null>(null);
  const [editing, setEditing] = useState<ApiKeyDto | null>(null);

  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <CardTitle>API keys</CardTitle>
          <CardDescription>Keys call the REST API as the person who created them, never with more than their current role allows.</CardDescription>
        </div>
        <Button onClick={() => setCreating(true)}>Create key</Button>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        {data.items.length === 0 ? (
          <EmptyState title="No keys yet" description="A key lets a script, a CI job or an integration call the REST API as you. Create one with the button above; you see its secret once." />
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                <th scope="col" className="py-2 pr-4 font-medium">Key</th>
                <th scope="col" className="hidden py-2 pr-4 font-medium md:table-cell">Scopes</th>
                <th scope="col" className="hidden py-2 pr-4 font-medium lg:table-cell">Created</th>
                <th scope="col" className="py-2 pr-4 font-medium">Last used</th>
                <th scope="col" className="hidden py-2 pr-4 font-medium sm:table-cell">Expires</th>
                <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {data.items.map((k) => (
                <tr key={k.id} data-testid="api-key-row" data-key-id={k.id} data-status={k.status}>
                  <td className="py-3 pr-4">
                    <div className="font-medium">{k.name}</div>
                    <span className={`mt-1 inline-block rounded px-1.5 py-0.5 text-xs font-medium ${STATUS[k.status].className}`}>{STATUS[k.status].label}</span>
                    {k.previousExpiresAt ? <div className="mt-1 text-xs text-muted-foreground">Old secret works until {formatDate(k.previousExpiresAt)}</div> : null}
                  </td>
                  <td className="py-3 pr-4 font-mono text-xs whitespace-nowrap">
                    {k.start}…<div className="font-sans text-muted-foreground">{k.environment === "live" ? "Live" : "Test"}</div>
                  </td>
                  <td className="hidden py-3 pr-4 md:table-cell">
                    <ul className="flex flex-wrap gap-1">
                      {k.scopes.map((s) => (
                        <li key={s} className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{s}</li>
                      ))}
                    </ul>
                  </td>
                  <td className="hidden py-3 pr-4 text-muted-foreground lg:table-cell">
                    {formatDate(k.createdAt)}
                    <div>by {k.createdBy?.displayName ?? "a deleted user"}</div>
                  </td>
                  <td className="py-3 pr-4 text-muted-foreground" data-testid="api-key-last-used" suppressHydrationWarning>{k.lastUsedAt ? formatRelative(k.lastUsedAt) : "Never"}</td>
                  <td className="hidden py-3 pr-4 text-muted-foreground sm:table-cell">{k.expiresAt ? formatDate(k.expiresAt) : "Never"}</td>
                  <td className="py-3 text-right whitespace-nowrap">
                    {k.status === "revoked" ? null : (
                      <div className="flex justify-end gap-1">
                        <Button variant="ghost" size="sm" onClick={() => setEditing(k)} aria-label={`Edit ${k.name}`}>Edit</Button>
                        <Button variant="ghost" size="sm" onClick={() => setRolling(k)} aria-label={`Roll ${k.name}`}>Roll</Button>
                        <Button variant="ghost" size="sm" className="text-destructive" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>Revoke</Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardContent>
      <CreateKeyDialog open={creating} onOpenChange={setCreating} workspaceSlug={workspaceSlug} role={role} defaultRateLimit={data.defaultRequestsPerMinute} />
      <RevokeKeyDialog open={revoking !== null} workspaceSlug={workspaceSlug} apiKey={revoking} onClose={() => setRevoking(null)} />
      <RollKeyDialog open={rolling !== null} workspaceSlug={workspaceSlug} apiKey={rolling} onClose={() => setRolling(null)} />
      <EditKeyDialog open={editing !== null} workspaceSlug={workspaceSlug} apiKey={editing} role={role} onClose={() => setEditing(null)} />
    </Card>
  );
}
