import { Card, CardContent } from "@/components/ui/card";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export function AuditLogSkeleton() {
  return (
    <LoadingRegion label="Loading the audit log">
      <Card>
        <CardContent className="flex flex-col gap-4">
          <div className="flex gap-4">
            <Skeleton className="h-16 w-44" />
            <Skeleton className="h-16 w-44" />
          </div>
          {Array.from({ length: 8 }, (_, i) => (
            <div key={i} className="flex gap-4 py-1">
              <Skeleton className="h-4 w-32" />
              <Skeleton className="h-4 w-28" />
              <Skeleton className="h-4 w-36" />
              <Skeleton className="h-4 flex-1" />
            </div>
          ))}
        </CardContent>
      </Card>
    </LoadingRegion>
  );
}
