import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { ROADMAP_STATUSES } from "../constants";

export function RoadmapSkeleton() {
  return (
    <LoadingRegion label="Loading roadmap" className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
      {ROADMAP_STATUSES.map((s) => (
        <div key={s} className="flex flex-col gap-3 rounded-xl border border-border p-3">
          <Skeleton className="h-5 w-28" />
          {Array.from({ length: 3 }, (_, i) => (
            <div key={i} className="flex gap-2">
              <Skeleton className="h-12 w-14" />
              <Skeleton className="h-4 flex-1" />
            </div>
          ))}
        </div>
      ))}
    </LoadingRegion>
  );
}
