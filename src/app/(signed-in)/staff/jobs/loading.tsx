import { PageSkeleton } from "@/components/ui/skeleton";
import { JobsOverviewSkeleton } from "@/features/jobs/ui/jobs-overview-skeleton";
import { RunsListSkeleton } from "@/features/jobs/ui/runs-list-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading jobs">
      <JobsOverviewSkeleton />
      <RunsListSkeleton />
    </PageSkeleton>
  );
}
