import type { Metadata } from "next";
import { Suspense } from "react";
import { SettingsPanel } from "@/features/workspaces/ui/settings-panel";
import { SettingsSkeleton } from "@/features/workspaces/ui/settings-panel-skeleton";
import { SupportAccessCard, SupportAccessSkeleton } from "@/features/impersonation/ui/support-access-card";
import { HydrateClient } from "@/trpc/hydrate-client";
import { requireViewer, prefetch, trpc } from "@/trpc/server";
import { AdminsOnly } from "../admins-only";
import { loadWorkspace, type WorkspaceParams } from "../load-workspace";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: WorkspaceParams) {
  const workspace = await loadWorkspace((await params).workspace);
  if (workspace.role === "member") return <AdminsOnly what="Settings" workspaceName={workspace.name} />;
  const viewer = await requireViewer();
  prefetch(trpc.impersonation.workspaceSupportAccess.queryOptions({ workspaceSlug: workspace.slug }));
  if (workspace.role === "owner") prefetch(trpc.workspaces.members.queryOptions({ workspaceSlug: workspace.slug }));
  return (
    <HydrateClient>
      <Suspense fallback={<SettingsSkeleton />}>
        <SettingsPanel workspaceSlug={workspace.slug} viewerId={viewer.userId} />
      </Suspense>
      <div className="mt-6">
        <Suspense fallback={<SupportAccessSkeleton />}>
          <SupportAccessCard workspaceSlug={workspace.slug} />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
