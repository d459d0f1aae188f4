import { PageSkeleton } from "@/components/ui/skeleton";
import { AuditLogSkeleton } from "@/features/workspaces/ui/audit-log-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading the audit log" heading={false}>
      <AuditLogSkeleton />
    </PageSkeleton>
  );
}
