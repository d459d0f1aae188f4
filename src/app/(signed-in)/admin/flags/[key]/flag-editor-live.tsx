"use client";
import { adminMutation } from "@/features/admin/ui/admin-mode-store";
import { FlagEditor } from "@/features/flags/ui/flag-editor";

/** The flag editor's writes, wired to admin mode (the password dialog is mounted by the admin layout). */
export function FlagEditorLive({ flagKey }: { flagKey: string }) {
  return <FlagEditor flagKey={flagKey} adminMutation={adminMutation} />;
}
