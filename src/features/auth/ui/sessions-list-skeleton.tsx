import { ListCardSkeleton } from "@/components/ui/skeleton";

export function SessionsListSkeleton() {
  return <ListCardSkeleton label="Loading sessions" />;
}
