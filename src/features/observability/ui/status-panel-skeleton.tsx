import { Card, CardContent } from "@/components/ui/card";
import { CardHeaderSkeleton, LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export function StatusPanelSkeleton() {
  return (
    <LoadingRegion label="Loading system status">
      <Card>
        <CardHeaderSkeleton />
        <CardContent className="flex flex-col gap-4">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-5 w-full" />
          ))}
        </CardContent>
      </Card>
    </LoadingRegion>
  );
}
