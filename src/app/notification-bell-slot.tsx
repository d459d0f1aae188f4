import { NOTIFICATION_EVENTS } from "@/features/notifications/schemas";
import { NotificationBell } from "@/features/notifications/ui/notification-bell";
import { LiveQuerySync } from "@/features/realtime/ui/live-query-sync";
import { userChannel } from "@/server/realtime/channels";
import { trpc } from "@/trpc/server";

/** The header bell, kept live: a new or read notification on the viewer's channel refetches list and badge. */
export function NotificationBellSlot({ userId }: { userId: string }) {
  const stale = [trpc.notifications.list.pathKey(), trpc.notifications.unreadCount.queryKey()];
  return (
    <>
      <LiveQuerySync channels={[userChannel(userId)]} invalidate={{ [NOTIFICATION_EVENTS.created]: stale, [NOTIFICATION_EVENTS.read]: stale }} />
      <NotificationBell />
    </>
  );
}
