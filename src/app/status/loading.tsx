import { PageSkeleton } from "@/components/ui/skeleton";
import { PingLogSkeleton } from "@/features/observability/ui/ping-log-skeleton";
import { StatusPanelSkeleton } from "@/features/observability/ui/status-panel-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading status">
      <StatusPanelSkeleton />
      <PingLogSkeleton />
    </PageSkeleton>
  );
}
