import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { JobsOverview } from "@/features/jobs/ui/jobs-overview";
import { JobsOverviewSkeleton } from "@/features/jobs/ui/jobs-overview-skeleton";
import { nextOutboxCursor, outboxQueryInput, runsQueryInput } from "@/features/jobs/schemas";
import { OutboxListSkeleton } from "@/features/jobs/ui/outbox-list-skeleton";
import { RunsListSkeleton } from "@/features/jobs/ui/runs-list-skeleton";
import { devServerUrl } from "@/server/jobs/dev-server-api";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, requireViewer, trpc } from "@/trpc/server";
import { OutboxListLive, RunsListLive } from "./with-admin-mode";

export const metadata: Metadata = { title: "Jobs" };

/** Staff only (support and up); anyone else gets a 404, so the page isn't advertised. */
export default async function JobsPage() {
  const viewer = await requireViewer();
  if (!viewer.staffRole) notFound();
  prefetch(trpc.jobs.overview.queryOptions());
  prefetch(trpc.jobs.outbox.infiniteQueryOptions(outboxQueryInput("dead_lettered"), { getNextPageParam: nextOutboxCursor }));
  if (devServerUrl()) prefetch(trpc.jobs.runs.queryOptions(runsQueryInput(null)));
  return (
    <HydrateClient>
      <div className="flex flex-col gap-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Jobs</h1>
          <p className="text-sm text-muted-foreground">Background work: health, schedules, runs and emails that gave up.</p>
        </div>
        <Suspense fallback={<JobsOverviewSkeleton />}>
          <JobsOverview />
        </Suspense>
        <Suspense fallback={<RunsListSkeleton />}>
          <RunsListLive />
        </Suspense>
        <Suspense fallback={<OutboxListSkeleton />}>
          <OutboxListLive />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
