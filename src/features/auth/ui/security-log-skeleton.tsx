import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export function SecurityLogSkeleton() {
  return (
    <LoadingRegion label="Loading your security log">
      <div className="rounded-xl border border-border bg-card">
        <div className="flex gap-6 border-b border-border px-3 py-3">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-4 w-20" />
        </div>
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex gap-6 border-b border-border px-3 py-3 last:border-0">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-4 w-24" />
            <Skeleton className="hidden h-4 w-56 md:block" />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}
