"use client";
import { lazyView } from "@/components/ui/lazy-view";
import { AdminModeDialog } from "@/features/admin/ui/admin-mode-dialog";
import { adminMutation } from "@/features/admin/ui/admin-mode-store";
import { RunsList } from "@/features/jobs/ui/runs-list";

// Last on the page, below health and runs: its code (the outbox's filters, infinite list and replay) loads as a lazyView.
const OutboxList = lazyView("The email outbox", () => import("@/features/jobs/ui/outbox-list").then((m) => m.OutboxList));

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
