import type { Metadata } from "next";
import { StaffInbox } from "@/features/support/ui/staff-inbox";
import { LiveQuerySync } from "@/features/realtime/ui/live-query-sync";
import { SUPPORT_EVENTS } from "@/features/support/schemas";
import { STAFF_CHANNEL } from "@/server/realtime/channels";
import { requireViewer, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Support inbox" };

/** Staff only (the admin layout 404s everyone else; every procedure checks its own tier). */
export default async function SupportInboxPage() {
  const viewer = await requireViewer();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Support inbox</h1>
        <p className="text-sm text-muted-foreground">New tickets appear here live. Replies are emailed and shown to signed-in customers; notes stay internal.</p>
      </div>
      <LiveQuerySync channels={[STAFF_CHANNEL]} invalidate={{ [SUPPORT_EVENTS.ticketChanged]: [trpc.support.inbox.queryKey(), trpc.support.ticket.queryKey()] }} />
      <StaffInbox me={{ id: viewer.id, name: viewer.displayName }} />
    </div>
  );
}
