import { CardGridSkeleton, PageSkeleton, Skeleton } from "@/components/ui/skeleton";

/** The workspace overview while it loads (the workspace's name and tabs stay, from the layout). */
export default function Loading() {
  return (
    <PageSkeleton label="Loading the workspace" heading={false}>
      <div aria-hidden="true" className="grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex flex-col gap-2 rounded-xl border border-border bg-card p-4">
            <Skeleton className="h-4 w-20" />
            <Skeleton className="h-7 w-16" />
          </div>
        ))}
      </div>
      <CardGridSkeleton cards={3} />
    </PageSkeleton>
  );
}
