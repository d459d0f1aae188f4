import type { Metadata } from "next";
import { Suspense } from "react";
import { BILLING_EVENTS } from "@/features/billing/schemas";
import { FEEDBACK_EVENTS } from "@/features/feedback/schemas";
import { WorkspaceHome } from "@/features/home/ui/workspace-home";
import { WorkspaceHomeSkeleton } from "@/features/home/ui/workspace-home-skeleton";
import { LeaveWorkspaceCard } from "@/features/workspaces/ui/leave-workspace-card";
import { streamPosition } from "@/server/realtime/replay";
import { HydrateClient } from "@/trpc/hydrate-client";
import { getQueryClient, prefetch, trpc } from "@/trpc/server";
import { HomeLive } from "./home-live";
import { loadWorkspace, type WorkspaceParams } from "./load-workspace";

export async function generateMetadata({ params }: WorkspaceParams): Promise<Metadata> {
  return { title: (await loadWorkspace((await params).workspace)).name };
}

export default async function WorkspaceHomePage({ params }: WorkspaceParams) {
  const workspace = await loadWorkspace((await params).workspace);
  const workspaceSlug = workspace.slug;
  // Read before the data: a post or comment published while the page is on its way is replayed to it.
  const since = await streamPosition();
  prefetch(trpc.home.workspace.queryOptions({ workspaceSlug }));
  const { channel } = await getQueryClient().fetchQuery(trpc.realtime.workspaceChannel.queryOptions({ workspaceSlug }));
  const home = [trpc.home.workspace.queryKey({ workspaceSlug })];
  // Votes don't change the list; posts, comments, status changes and moderation do.
  const invalidate = Object.fromEntries(
    [FEEDBACK_EVENTS.postCreated, FEEDBACK_EVENTS.postUpdated, FEEDBACK_EVENTS.commentCreated, FEEDBACK_EVENTS.status, "members.changed", BILLING_EVENTS.updated].map((type) => [type, home]),
  );
  return (
    <div className="flex flex-col gap-8">
      <HydrateClient>
        <Suspense fallback={<WorkspaceHomeSkeleton />}>
          <HomeLive workspaceSlug={workspaceSlug} workspaceChannel={channel} invalidate={invalidate} since={since} />
          <WorkspaceHome workspaceSlug={workspaceSlug} />
        </Suspense>
      </HydrateClient>
      {workspace.role === "member" ? <LeaveWorkspaceCard workspaceSlug={workspace.slug} workspaceName={workspace.name} personal={workspace.personal} /> : null}
    </div>
  );
}
