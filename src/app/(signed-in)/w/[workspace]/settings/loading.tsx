import { PageSkeleton } from "@/components/ui/skeleton";
import { SettingsSkeleton } from "@/features/workspaces/ui/settings-panel-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading settings" heading={false}>
      <SettingsSkeleton />
    </PageSkeleton>
  );
}
