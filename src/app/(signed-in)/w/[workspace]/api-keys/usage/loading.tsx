import { PageSkeleton } from "@/components/ui/skeleton";
import { UsageSkeleton } from "@/features/api-keys/ui/usage-dashboard-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading usage" heading={false}>
      <UsageSkeleton />
    </PageSkeleton>
  );
}
