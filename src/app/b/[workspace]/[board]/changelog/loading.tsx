import { ChangelogSkeleton } from "@/features/feedback/ui/changelog-view";

export default function Loading() {
  return <ChangelogSkeleton />;
}
