import type { Metadata } from "next";
import { Suspense } from "react";
import { API_KEY_PAGE_SIZE, requestLogQueryInput, USAGE_DEFAULT_DAYS } from "@/features/api-keys/schemas";
import { UsageDashboard } from "@/features/api-keys/ui/usage-dashboard";
import { UsageSkeleton } from "@/features/api-keys/ui/usage-dashboard-skeleton";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, trpc } from "@/trpc/server";
import { loadWorkspace, type WorkspaceParams } from "../../load-workspace";

export const metadata: Metadata = { title: "API usage" };

export default async function ApiUsagePage({ params }: WorkspaceParams) {
  const workspace = await loadWorkspace((await params).workspace);
  if (workspace.role === "member") return null;
  const workspaceSlug = workspace.slug;
  prefetch(trpc.apiKeys.list.queryOptions({ workspaceSlug, limit: API_KEY_PAGE_SIZE }));
  prefetch(trpc.apiKeys.usage.queryOptions({ workspaceSlug, days: USAGE_DEFAULT_DAYS }));
  prefetch(trpc.apiKeys.requestLog.infiniteQueryOptions(requestLogQueryInput(workspaceSlug, "", { statusClass: "", method: "" }), { getNextPageParam: (p) => p.nextCursor }));
  return (
    <HydrateClient>
      <Suspense fallback={<UsageSkeleton />}>
        <UsageDashboard workspaceSlug={workspaceSlug} />
      </Suspense>
    </HydrateClient>
  );
}
