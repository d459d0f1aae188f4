import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { workspaceIdInput } from "@/features/admin/schemas";
import { DetailSkeleton } from "@/features/admin/ui/detail-parts";
import { WorkspaceDetail } from "@/features/admin/ui/workspace-detail";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Workspace" };

export default async function AdminWorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = workspaceIdInput.safeParse({ id: (await params).id });
  if (!parsed.success) notFound();
  prefetch(trpc.admin.workspace.queryOptions(parsed.data));
  return (
    <HydrateClient>
      <Suspense fallback={<DetailSkeleton label="Loading the workspace" />}>
        <WorkspaceDetail workspaceId={parsed.data.id} />
      </Suspense>
    </HydrateClient>
  );
}
