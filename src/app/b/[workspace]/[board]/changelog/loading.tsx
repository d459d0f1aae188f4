import { ChangelogSkeleton } from "@/features/feedback/ui/changelog-view-skeleton";

export default function Loading() {
  return <ChangelogSkeleton />;
}
