import { ListCardSkeleton } from "@/components/ui/skeleton";

export const FlagAuditSkeleton = () => <ListCardSkeleton label="Loading audit log" rows={3} />;
