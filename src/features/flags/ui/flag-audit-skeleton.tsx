import { ListCardSkeleton } from "@/components/ui/skeleton";

export const FlagAuditSkeleton = () => <ListCardSkeleton label="Loading audit log" rows={3} />;

/** If the audit log's code can't load: the rest of the flag pages still work. */
export function FlagAuditUnavailable() {
  return (
    <p className="rounded-xl border border-border p-4 text-sm text-destructive">
      The audit log couldn&apos;t load. Reload the page to try again.
    </p>
  );
}
