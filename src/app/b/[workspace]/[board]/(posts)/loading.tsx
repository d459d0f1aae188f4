import { FormCardSkeleton, PageSkeleton } from "@/components/ui/skeleton";
import { PostListSkeleton } from "@/features/feedback/ui/board-posts-skeleton";

/**
 * The board's post list while it loads: filters, rows, and the new-post form beside them.
 * It sits in the (posts) group so it covers only this page: the board's settings page answers
 * a real 404 to non-moderators, which a loading state above it would turn into a streamed one.
 */
export default function Loading() {
  return (
    <PageSkeleton label="Loading posts" heading={false}>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <PostListSkeleton />
        <div className="order-first lg:order-last">
          <FormCardSkeleton fields={2} />
        </div>
      </div>
    </PageSkeleton>
  );
}
