import { Card, CardContent } from "@/components/ui/card";
import { CardHeaderSkeleton, LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export function ApiKeysSkeleton() {
  return (
    <LoadingRegion label="Loading API keys">
      <Card>
        <CardHeaderSkeleton />
        <CardContent className="flex flex-col divide-y divide-border">
          {Array.from({ length: 3 }, (_, i) => (
            <div key={i} className="flex items-center justify-between gap-4 py-3">
              <div className="flex flex-col gap-2">
                <Skeleton className="h-4 w-36" />
                <Skeleton className="h-4 w-16" />
              </div>
              <Skeleton className="h-4 w-28" />
              <Skeleton className="hidden h-4 w-40 md:block" />
              <Skeleton className="h-4 w-20" />
              <Skeleton className="h-8 w-36" />
            </div>
          ))}
        </CardContent>
      </Card>
    </LoadingRegion>
  );
}
