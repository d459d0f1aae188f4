import { PageSkeleton } from "@/components/ui/skeleton";
import { BillingSkeleton } from "@/features/billing/ui/billing-panel-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading billing" heading={false}>
      <BillingSkeleton />
    </PageSkeleton>
  );
}
