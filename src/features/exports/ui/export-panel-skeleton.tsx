import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export function ExportPanelSkeleton() {
  return (
    <LoadingRegion label="Loading your exports">
      <Card>
        <CardHeader>
          <Skeleton className="h-5 w-36" />
          <Skeleton className="h-4 w-96 max-w-full" />
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <Skeleton className="h-9 w-36" />
          <Skeleton className="h-12 w-full" />
        </CardContent>
      </Card>
    </LoadingRegion>
  );
}
