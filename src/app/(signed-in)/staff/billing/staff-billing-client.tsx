"use client";
import { AdminModeDialog } from "@/features/admin/ui/admin-mode-dialog";
import { withAdminMode } from "@/features/admin/ui/admin-mode-store";
import { StaffBilling } from "@/features/billing/ui/staff-billing";

/** The staff billing view with the admin feature's admin-mode prompt wired in (features don't import each other's UI). */
export function StaffBillingWithAdminMode({ canGrant }: { canGrant: boolean }) {
  return (
    <>
      <StaffBilling canGrant={canGrant} withAdminMode={withAdminMode} />
      <AdminModeDialog />
    </>
  );
}
