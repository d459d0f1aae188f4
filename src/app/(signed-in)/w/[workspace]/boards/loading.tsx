import { ListCardSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <ListCardSkeleton label="Loading feedback boards" rows={3} />;
}
