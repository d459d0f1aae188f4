import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

function CardSkeleton({ lines, className }: { lines: number; className?: string }) {
  return (
    <div className={`flex flex-col gap-4 rounded-xl border border-border bg-card p-6 ${className ?? ""}`}>
      <div className="flex items-center gap-2">
        <Skeleton className="size-7" />
        <Skeleton className="h-5 w-32" />
      </div>
      <Skeleton className="h-4 w-64 max-w-full" />
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="flex flex-col gap-1.5">
          <Skeleton className="h-4 w-full max-w-md" />
          <Skeleton className="h-3 w-32" />
        </div>
      ))}
    </div>
  );
}

/** Shaped like the home: the activity list on the left, people, plan and usage on the right. */
export function WorkspaceHomeSkeleton() {
  return (
    <LoadingRegion label="Loading the workspace">
      <div aria-hidden="true" className="grid gap-4 lg:grid-cols-3">
        <CardSkeleton lines={5} className="lg:col-span-2" />
        <div className="flex flex-col gap-4">
          <CardSkeleton lines={3} />
          <CardSkeleton lines={1} />
        </div>
      </div>
    </LoadingRegion>
  );
}
