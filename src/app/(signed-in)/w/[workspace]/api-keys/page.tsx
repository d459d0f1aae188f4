import type { Metadata } from "next";
import { Suspense } from "react";
import { API_KEY_PAGE_SIZE } from "@/features/api-keys/schemas";
import { ApiKeysPanel } from "@/features/api-keys/ui/api-keys-panel";
import { ApiKeysSkeleton } from "@/features/api-keys/ui/api-keys-panel-skeleton";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, trpc } from "@/trpc/server";
import { loadWorkspace, type WorkspaceParams } from "../load-workspace";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: WorkspaceParams) {
  const workspace = await loadWorkspace((await params).workspace);
  if (workspace.role === "member") return null;
  prefetch(trpc.apiKeys.list.queryOptions({ workspaceSlug: workspace.slug, limit: API_KEY_PAGE_SIZE }));
  return (
    <HydrateClient>
      <Suspense fallback={<ApiKeysSkeleton />}>
        <ApiKeysPanel workspaceSlug={workspace.slug} role={workspace.role} />
      </Suspense>
    </HydrateClient>
  );
}
