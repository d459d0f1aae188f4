"use client";
import { lazyView } from "@/components/ui/lazy-view";
import { adminMutation } from "@/features/admin/ui/admin-mode-store";
import { FlagsTable } from "@/features/flags/ui/flags-table";

/**
 * The flag console's writes, wired to admin mode (the password dialog is mounted by the admin layout).
 * The editor's is in [key]/flag-editor-live.tsx: a client module reaches the browser whole, so one
 * shared by both pages loaded the editor on the list and the cohorts panel on the editor.
 */
export function FlagsTableLive() {
  return <FlagsTable adminMutation={adminMutation} />;
}

// Below the flags and stale flags: its code (the form, the add and remove mutations) loads as a lazyView.
const CohortsPanel = lazyView("The cohorts panel", () => import("@/features/flags/ui/cohorts-panel").then((m) => m.CohortsPanel));

export function CohortsPanelLive() {
  return <CohortsPanel adminMutation={adminMutation} />;
}
