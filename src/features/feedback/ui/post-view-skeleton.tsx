import { LoadingRegion, Skeleton, SkeletonText } from "@/components/ui/skeleton";
import { CommentsSkeleton } from "./comments-skeleton";

export function PostSkeleton() {
  return (
    <div className="flex flex-col gap-8">
      <LoadingRegion label="Loading post">
        <div className="flex items-start gap-4">
          <Skeleton className="h-12 w-14" />
          <div className="flex flex-1 flex-col gap-2">
            <Skeleton className="h-7 w-2/3" />
            <Skeleton className="h-4 w-64" />
          </div>
        </div>
        <SkeletonText lines={4} className="mt-6" />
      </LoadingRegion>
      <CommentsSkeleton />
    </div>
  );
}
