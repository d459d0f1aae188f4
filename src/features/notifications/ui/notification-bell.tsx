"use client";
import { useQuery } from "@tanstack/react-query";
import { lazy } from "react";
import { buttonClasses } from "@/components/ui/button-classes";
import { BellIcon } from "@/components/ui/icons";
import { LazyPopup } from "@/components/ui/lazy-popup";
import { useTRPC } from "@/trpc/client";

const load = () => import("./notification-popup");
const NotificationPopup = lazy(load);

/**
 * The header bell: unread badge, and the latest notifications in a popover whose code loads on
 * first use (decision 041). Live updates come from the `notification.*` events on the viewer's
 * channel, wired where the bell is placed (app/).
 */
export function NotificationBell() {
  const trpc = useTRPC();
  const { data: unread } = useQuery(trpc.notifications.unreadCount.queryOptions());
  const count = unread?.count ?? 0;
  return (
    <LazyPopup
      popup={NotificationPopup}
      preload={load}
      props={{ unread: count }}
      haspopup="dialog"
      trigger={{
        className: buttonClasses("ghost", "sm", "relative"),
        "aria-label": `Notifications, ${count} unread`,
        "data-testid": "notification-bell",
        "data-unread": count,
        children: (
          <>
            <BellIcon className="size-4" />
            {count > 0 ? (
              <span aria-hidden="true" className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-primary px-1 text-center text-[10px] leading-4 font-semibold text-primary-foreground">
                {count > 99 ? "99+" : count}
              </span>
            ) : null}
          </>
        ),
      }}
    />
  );
}
