import { ListCardSkeleton } from "@/components/ui/skeleton";

export function OutboxListSkeleton() {
  return <ListCardSkeleton label="Loading the outbox" />;
}
