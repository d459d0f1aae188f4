import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export function PostListSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <LoadingRegion label="Loading posts">
      <div className="divide-y divide-border rounded-xl border border-border bg-card px-4">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex items-start gap-4 py-4">
            <Skeleton className="h-12 w-14" />
            <div className="flex flex-1 flex-col gap-2">
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="h-4 w-full" />
              <div className="flex gap-2">
                <Skeleton className="h-4 w-16" />
                <Skeleton className="h-4 w-24" />
              </div>
            </div>
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}
