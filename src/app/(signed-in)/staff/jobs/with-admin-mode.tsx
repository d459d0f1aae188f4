"use client";
import { AdminModeDialog } from "@/features/admin/ui/admin-mode-dialog";
import { adminMutation } from "@/features/admin/ui/admin-mode-store";
import { OutboxList } from "@/features/jobs/ui/outbox-list";
import { RunsList } from "@/features/jobs/ui/runs-list";

/** The jobs page's replays, wired to admin mode; the page is outside /admin, so it mounts the password dialog itself. */
export function RunsListLive() {
  return <RunsList adminMutation={adminMutation} />;
}

export function OutboxListLive() {
  return (
    <>
      <OutboxList adminMutation={adminMutation} />
      <AdminModeDialog />
    </>
  );
}
