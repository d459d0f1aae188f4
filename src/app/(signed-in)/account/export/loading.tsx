import { PageSkeleton } from "@/components/ui/skeleton";
import { ExportPanelSkeleton } from "@/features/exports/ui/export-panel-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading your exports">
      <ExportPanelSkeleton />
    </PageSkeleton>
  );
}
