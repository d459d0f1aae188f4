import { PageSkeleton } from "@/components/ui/skeleton";
import { ApiKeysSkeleton } from "@/features/api-keys/ui/api-keys-panel-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading API keys" heading={false}>
      <ApiKeysSkeleton />
    </PageSkeleton>
  );
}
