import type { Metadata } from "next";
import { Suspense } from "react";
import { MembersPanel, MembersSkeleton } from "@/features/workspaces/ui/members-panel";
import { getViewer, HydrateClient, prefetch, trpc } from "@/trpc/server";
import { loadWorkspace, type WorkspaceParams } from "../load-workspace";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: WorkspaceParams) {
  const workspace = await loadWorkspace((await params).workspace);
  const viewer = (await getViewer())!;
  prefetch(trpc.workspaces.members.queryOptions({ workspaceSlug: workspace.slug }));
  return (
    <HydrateClient>
      <Suspense fallback={<MembersSkeleton />}>
        <MembersPanel workspaceSlug={workspace.slug} viewerId={viewer.userId} />
      </Suspense>
    </HydrateClient>
  );
}
