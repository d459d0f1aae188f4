import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export function UsageSkeleton() {
  return (
    <LoadingRegion label="Loading usage">
      <div className="flex flex-col gap-6">
        <div className="flex gap-4">
          <Skeleton className="h-16 w-48" />
          <Skeleton className="h-16 w-40" />
        </div>
        <div className="grid gap-4 sm:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
        <Card>
          <CardHeader>
            <Skeleton className="h-5 w-36" />
          </CardHeader>
          <CardContent className="flex h-48 items-end gap-1">
            {Array.from({ length: 14 }, (_, i) => (
              <Skeleton key={i} className={`flex-1 ${["h-1/3", "h-1/2", "h-2/3", "h-3/4"][i % 4]}`} />
            ))}
          </CardContent>
        </Card>
      </div>
    </LoadingRegion>
  );
}
