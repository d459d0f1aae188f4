import type { Metadata } from "next";
import { Suspense } from "react";
import { LiveQuerySync } from "@/features/realtime/ui/live-query-sync";
import { streamPosition } from "@/server/realtime/replay";
import { MembersPanel } from "@/features/workspaces/ui/members-panel";
import { MembersSkeleton } from "@/features/workspaces/ui/members-panel-skeleton";
import { HydrateClient } from "@/trpc/hydrate-client";
import { getQueryClient, requireViewer, prefetch, trpc } from "@/trpc/server";
import { loadWorkspace, type WorkspaceParams } from "../load-workspace";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: WorkspaceParams) {
  const workspace = await loadWorkspace((await params).workspace);
  const viewer = await requireViewer();
  // Read before the data, so a change published while the page is on its way is replayed to it.
  const since = await streamPosition();
  prefetch(trpc.workspaces.members.queryOptions({ workspaceSlug: workspace.slug }));
  const { channel } = await getQueryClient().fetchQuery(trpc.realtime.workspaceChannel.queryOptions({ workspaceSlug: workspace.slug }));
  // Another admin's change (or someone accepting an invite) shows up here without a reload.
  const membersChanged = [trpc.workspaces.members.queryKey({ workspaceSlug: workspace.slug }), trpc.workspaces.get.queryKey({ workspaceSlug: workspace.slug })];
  return (
    <HydrateClient>
      <LiveQuerySync channels={[channel]} invalidate={{ "members.changed": membersChanged }} since={since} />
      <Suspense fallback={<MembersSkeleton />}>
        <MembersPanel workspaceSlug={workspace.slug} viewerId={viewer.userId} />
      </Suspense>
    </HydrateClient>
  );
}
