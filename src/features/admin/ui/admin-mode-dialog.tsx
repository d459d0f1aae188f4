"use client";
import { loadOnOpen } from "@/components/ui/load-on-open";
import { useAdminModeDialog } from "./admin-mode-store";

// The form (useForm, fields, the mutation) loads on demand, preloaded when idle (decision 041).
const AdminModeFormDialog = loadOnOpen(() => import("./admin-mode-form-dialog"));

/**
 * The password (and second-factor) prompt for admin mode. Mounted once by the admin layout;
 * `withAdminMode` and the "Enter admin mode" button open it.
 */
export function AdminModeDialog() {
  const open = useAdminModeDialog((s) => s.open);
  return <AdminModeFormDialog open={open} />;
}
