import { ListCardSkeleton } from "@/components/ui/skeleton";

export const CohortsPanelSkeleton = () => <ListCardSkeleton label="Loading cohorts" rows={2} />;
