import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { LoadingRegion, Skeleton, SkeletonRows } from "@/components/ui/skeleton";

export function RunsSkeletonRows() {
  return (
    <LoadingRegion label="Loading runs">
      <SkeletonRows rows={4} />
    </LoadingRegion>
  );
}

export function RunsListSkeleton() {
  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between">
        <div className="flex flex-col gap-2">
          <Skeleton className="h-5 w-20" />
          <Skeleton className="h-4 w-80" />
        </div>
        <Skeleton className="h-8 w-32" />
      </CardHeader>
      <CardContent>
        <RunsSkeletonRows />
      </CardContent>
    </Card>
  );
}
