import { RoadmapSkeleton } from "@/features/feedback/ui/roadmap-view-skeleton";

export default function Loading() {
  return <RoadmapSkeleton />;
}
