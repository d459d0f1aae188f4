import { FormCardSkeleton, PageSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading">
      <div className="max-w-xl">
        <FormCardSkeleton fields={2} />
      </div>
    </PageSkeleton>
  );
}
