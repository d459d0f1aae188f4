import { PageSkeleton } from "@/components/ui/skeleton";
import { JobsOverviewSkeleton } from "@/features/jobs/ui/jobs-overview";
import { RunsListSkeleton } from "@/features/jobs/ui/runs-list";

export default function Loading() {
  return (
    <PageSkeleton label="Loading jobs">
      <JobsOverviewSkeleton />
      <RunsListSkeleton />
    </PageSkeleton>
  );
}
