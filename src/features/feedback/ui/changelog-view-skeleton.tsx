import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export function ChangelogSkeleton() {
  return (
    <LoadingRegion label="Loading changelog" className="flex flex-col gap-3">
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className="flex flex-col gap-2 rounded-xl border border-border p-4">
          <Skeleton className="h-3 w-24" />
          <Skeleton className="h-4 w-72 max-w-full" />
          <Skeleton className="h-3 w-96 max-w-full" />
        </div>
      ))}
    </LoadingRegion>
  );
}
