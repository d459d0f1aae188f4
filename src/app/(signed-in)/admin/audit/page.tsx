import type { Metadata } from "next";
import { StaffAuditLog } from "@/features/admin/ui/staff-audit-log";

export const metadata: Metadata = { title: "Audit log" };

/** Staff only (the admin layout 404s everyone else). */
export default function AdminAuditPage() {
  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="text-sm text-muted-foreground">What staff did, with their reason. Append-only: entries can&apos;t be changed or removed, by anyone.</p>
      </div>
      <StaffAuditLog />
    </>
  );
}
