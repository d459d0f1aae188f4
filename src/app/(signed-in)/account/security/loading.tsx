import { PageSkeleton } from "@/components/ui/skeleton";
import { TwoFactorPanelSkeleton } from "@/features/auth/ui/two-factor-panel-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading security settings">
      <div className="max-w-3xl">
        <TwoFactorPanelSkeleton />
      </div>
    </PageSkeleton>
  );
}
