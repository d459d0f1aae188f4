"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { UserHit, WorkspaceHit } from "../schemas";
import { Badge } from "./badge";

const PAGE = 25;

/** Search box and keyset-paged results; typing re-queries (deferred, so fast typing isn't a request per key). */
export function AdminSearch({ kind }: { kind: "users" | "workspaces" }) {
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query.trim());
  const opts = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };
  const users = useInfiniteQuery({ ...trpc.admin.searchUsers.infiniteQueryOptions({ query: deferred, limit: PAGE }, opts), enabled: kind === "users" });
  const workspaces = useInfiniteQuery({ ...trpc.admin.searchWorkspaces.infiniteQueryOptions({ query: deferred, limit: PAGE }, opts), enabled: kind === "workspaces" });
  const result = kind === "users" ? users : workspaces;
  const label = kind === "users" ? "Search users by email, name or id" : "Search workspaces by name, slug or id";

  let rows: ReactNode;
  if (result.isPending) rows = <LoadingRegion label="Searching"><SkeletonRows rows={5} /></LoadingRegion>;
  else if (result.isError) rows = <p role="alert" className="text-sm text-destructive">{describeClientError(result.error).message}</p>;
  else {
    const items = kind === "users" ? (users.data?.pages.flatMap((p) => p.items) ?? []) : (workspaces.data?.pages.flatMap((p) => p.items) ?? []);
    rows =
      items.length === 0 ? (
        deferred ? (
          <EmptyState
            compact
            title={`No ${kind} match “${deferred}”`}
            description={kind === "users" ? "Search looks at email, display name and id. Try part of the address, or an id from a log line or ticket." : "Search looks at name, slug and id. Try part of the name, or the slug from the workspace's address."}
            action={<Button variant="outline" size="sm" onClick={() => setQuery("")}>Clear the search</Button>}
          />
        ) : (
          <EmptyState
            compact
            title={kind === "users" ? "Every account, searchable" : "Every workspace, searchable"}
            description={kind === "users" ? "No accounts exist yet. Once people sign up, find them here by email, name or id to see their sessions, workspaces and keys." : "No workspaces exist yet. Once people create them, find them here by name, slug or id to see members, keys and billing."}
          />
        )
      ) : (
        <ul aria-label={kind === "users" ? "Users" : "Workspaces"} className="flex flex-col divide-y divide-border">
          {kind === "users" ? (items as UserHit[]).map((u) => <UserRow key={u.id} user={u} />) : (items as WorkspaceHit[]).map((w) => <WorkspaceRow key={w.id} workspace={w} />)}
        </ul>
      );
  }

  return (
    <Card>
      <CardContent className="flex flex-col gap-4 p-6">
        <div className="flex flex-col gap-2">
          <Label htmlFor={`admin-search-${kind}`}>{label}</Label>
          <Input id={`admin-search-${kind}`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" spellCheck={false} placeholder={kind === "users" ? "ada@example.com" : "acme"} />
        </div>
        <div aria-live="polite">{rows}</div>
        {result.hasNextPage ? (
          <Button variant="outline" disabled={result.isFetchingNextPage} onClick={() => void result.fetchNextPage()}>
            {result.isFetchingNextPage ? "Loading…" : "More results"}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}

function UserRow({ user }: { user: UserHit }) {
  return (
    <li data-testid="user-hit" className="flex flex-col gap-1 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-col">
        <Link href={`/admin/users/${user.id}`} className="truncate font-medium underline-offset-4 hover:underline">
          {user.email}
        </Link>
        <span className="truncate text-muted-foreground">{user.displayName}</span>
      </div>
      <div className="flex flex-wrap gap-1">
        {user.locked ? <Badge tone="danger">Locked</Badge> : null}
        {user.staffRole ? <Badge tone="info">Staff · {user.staffRole}</Badge> : null}
        <Badge tone={user.emailVerified ? "ok" : "muted"}>{user.emailVerified ? "Verified" : "Unverified"}</Badge>
        {user.twoFactorEnabled ? <Badge tone="ok">2FA</Badge> : null}
      </div>
    </li>
  );
}

function WorkspaceRow({ workspace }: { workspace: WorkspaceHit }) {
  return (
    <li data-testid="workspace-hit" className="flex flex-col gap-1 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-col">
        <Link href={`/admin/workspaces/${workspace.id}`} className="truncate font-medium underline-offset-4 hover:underline">
          {workspace.name}
        </Link>
        <span className="truncate font-mono text-xs text-muted-foreground">{workspace.slug}</span>
      </div>
      <div className="flex flex-wrap gap-1">
        <Badge tone="muted">{workspace.plan}</Badge>
        <Badge tone="muted">
          {workspace.members} member{workspace.members === 1 ? "" : "s"}
        </Badge>
        {workspace.personal ? <Badge tone="muted">Personal</Badge> : null}
      </div>
    </li>
  );
}
