import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export function TwoFactorPanelSkeleton() {
  return (
    <LoadingRegion label="Loading two-factor settings">
      <Card>
        <CardHeader>
          <Skeleton className="h-5 w-56" />
          <Skeleton className="h-4 w-72" />
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <Skeleton className="h-4 w-full max-w-lg" />
          <Skeleton className="h-10 w-64" />
        </CardContent>
      </Card>
    </LoadingRegion>
  );
}
