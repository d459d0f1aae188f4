import { PageSkeleton } from "@/components/ui/skeleton";
import { ApiKeysSkeleton } from "@/features/api-keys/ui/api-keys-panel";

export default function Loading() {
  return (
    <PageSkeleton label="Loading API keys" heading={false}>
      <ApiKeysSkeleton />
    </PageSkeleton>
  );
}
