"use client";
import { adminMutation } from "@/features/admin/ui/admin-mode-store";
import { CohortsPanel } from "@/features/flags/ui/cohorts-panel";
import { FlagEditor } from "@/features/flags/ui/flag-editor";
import { FlagsTable } from "@/features/flags/ui/flags-table";

/** The flag console's writes, wired to admin mode (the password dialog is mounted by the admin layout). */
export function FlagsTableLive() {
  return <FlagsTable adminMutation={adminMutation} />;
}

export function CohortsPanelLive() {
  return <CohortsPanel adminMutation={adminMutation} />;
}

export function FlagEditorLive({ flagKey }: { flagKey: string }) {
  return <FlagEditor flagKey={flagKey} adminMutation={adminMutation} />;
}
