import { PostSkeleton } from "@/features/feedback/ui/post-view-skeleton";

export default function Loading() {
  return <PostSkeleton />;
}
