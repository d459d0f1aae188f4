import { FormCardSkeleton, PageSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading billing">
      <FormCardSkeleton fields={1} />
    </PageSkeleton>
  );
}
