import { Card, CardContent } from "@/components/ui/card";
import { CardHeaderSkeleton, LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export function JobsOverviewSkeleton() {
  return (
    <LoadingRegion label="Loading job health">
      <Card>
        <CardHeaderSkeleton />
        <CardContent className="flex flex-col gap-6">
          <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            {Array.from({ length: 4 }, (_, i) => (
              <div key={i} className="flex flex-col gap-2">
                <Skeleton className="h-3 w-24" />
                <Skeleton className="h-6 w-16" />
              </div>
            ))}
          </div>
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-5 w-full" />
          <Skeleton className="h-5 w-full" />
        </CardContent>
      </Card>
    </LoadingRegion>
  );
}
