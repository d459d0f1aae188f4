import { RoadmapSkeleton } from "@/features/feedback/ui/roadmap-view";

export default function Loading() {
  return <RoadmapSkeleton />;
}
