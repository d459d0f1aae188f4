import { PageSkeleton } from "@/components/ui/skeleton";
import { SessionsListSkeleton } from "@/features/auth/ui/sessions-list-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading sessions">
      <SessionsListSkeleton />
    </PageSkeleton>
  );
}
