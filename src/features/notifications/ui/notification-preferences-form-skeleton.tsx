import { ListCardSkeleton } from "@/components/ui/skeleton";

export function NotificationPreferencesSkeleton() {
  return <ListCardSkeleton label="Loading notification settings" rows={2} />;
}
