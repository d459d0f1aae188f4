import { PageSkeleton } from "@/components/ui/skeleton";
import { WorkspaceHomeSkeleton } from "@/features/home/ui/workspace-home-skeleton";

/** The workspace home while it loads (the workspace's name and tabs stay, from the layout). */
export default function Loading() {
  return (
    <PageSkeleton label="Loading the workspace" heading={false}>
      <WorkspaceHomeSkeleton />
    </PageSkeleton>
  );
}
