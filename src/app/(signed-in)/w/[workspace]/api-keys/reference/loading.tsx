import { PageSkeleton, SkeletonText } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading the API reference">
      <SkeletonText lines={8} />
    </PageSkeleton>
  );
}
