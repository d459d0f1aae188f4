import { PageSkeleton } from "@/components/ui/skeleton";
import { MembersSkeleton } from "@/features/workspaces/ui/members-panel-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading members" heading={false}>
      <MembersSkeleton />
    </PageSkeleton>
  );
}
