import { PostSkeleton } from "@/features/feedback/ui/post-view";

export default function Loading() {
  return <PostSkeleton />;
}
