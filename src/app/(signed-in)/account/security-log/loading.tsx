import { PageSkeleton } from "@/components/ui/skeleton";
import { SecurityLogSkeleton } from "@/features/auth/ui/security-log-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading the security log">
      <SecurityLogSkeleton />
    </PageSkeleton>
  );
}
