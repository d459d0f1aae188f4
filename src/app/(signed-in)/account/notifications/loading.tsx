import { PageSkeleton } from "@/components/ui/skeleton";
import { NotificationPreferencesSkeleton } from "@/features/notifications/ui/notification-preferences-form-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading notification settings">
      <div className="max-w-3xl">
        <NotificationPreferencesSkeleton />
      </div>
    </PageSkeleton>
  );
}
