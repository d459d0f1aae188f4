import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

export function BillingSkeleton() {
  return (
    <LoadingRegion label="Loading billing">
      <div aria-hidden="true" className="flex flex-col gap-6">
        <div className="rounded-xl border border-border bg-card p-6"><Skeleton className="mb-4 h-5 w-40" /><div className="grid gap-4 sm:grid-cols-4">{Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className="h-10" />)}</div></div>
        <div className="rounded-xl border border-border bg-card p-6"><Skeleton className="mb-4 h-5 w-56" /><Skeleton className="h-36 w-full" /></div>
        <div className="grid gap-4 md:grid-cols-3">{Array.from({ length: 3 }, (_, i) => <Skeleton key={i} className="h-64 rounded-xl" />)}</div>
      </div>
    </LoadingRegion>
  );
}
