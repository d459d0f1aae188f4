import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export function CommentsSkeleton() {
  return (
    <LoadingRegion label="Loading comments" className="flex flex-col gap-3">
      {Array.from({ length: 3 }, (_, i) => (
        <div key={i} className="flex flex-col gap-2 rounded-md border border-border p-3">
          <Skeleton className="h-3 w-40" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-2/3" />
        </div>
      ))}
    </LoadingRegion>
  );
}
