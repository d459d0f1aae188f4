"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useState } from "react";
import { buttonClasses } from "@/components/ui/button-classes";
import type { PopupProps } from "@/components/ui/lazy-popup";
import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { useTRPC } from "@/trpc/client";
import { NOTIFICATION_PAGE_SIZE } from "../constants";
import type { Notification } from "../schemas";
import { useNotificationMutations } from "./use-notification-mutations";
import { EmptyState } from "@/components/ui/empty-state";

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The bell's popover (loaded on first use, see notification-bell.tsx): the latest notifications. */
export default function NotificationPopup({ trigger, defaultOpen, unread }: PopupProps<{ unread: number }>) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger {...trigger} />
      <Popover.Portal>
        <Popover.Content align="end" sideOffset={6} className="z-50 w-80 max-w-[calc(100vw-2rem)] rounded-md border border-border bg-card text-foreground shadow-lg">
          {open ? <NotificationList onNavigate={() => setOpen(false)} unread={unread} /> : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function NotificationList({ onNavigate, unread }: { onNavigate: () => void; unread: number }) {
  const trpc = useTRPC();
  const { data, isPending, isError } = useQuery(trpc.notifications.list.queryOptions({ limit: NOTIFICATION_PAGE_SIZE }));
  const { markRead, markAllRead, markingAll } = useNotificationMutations();

  return (
    <div className="flex flex-col">
      <div className="flex items-center justify-between gap-2 border-b border-border px-3 py-2">
        <h2 className="text-sm font-semibold">Notifications</h2>
        <button type="button" className={buttonClasses("ghost", "sm")} onClick={markAllRead} disabled={unread === 0 || markingAll}>
          Mark all as read
        </button>
      </div>
      {isPending ? (
        <NotificationListSkeleton />
      ) : isError ? (
        <p className="px-3 py-6 text-center text-sm text-muted-foreground">Couldn&apos;t load notifications. Close and reopen to retry.</p>
      ) : data.items.length === 0 ? (
        <EmptyState compact className="m-3" title="You're all caught up" description="Invites, sign-ins from new devices and news on feedback you follow show up here." />
      ) : (
        <ul aria-label="Notifications" data-testid="notification-list" className="max-h-96 divide-y divide-border overflow-y-auto">
          {data.items.map((n) => (
            <NotificationItem key={n.id} notification={n} onOpen={() => (markRead(n.id), onNavigate())} onMarkRead={() => markRead(n.id)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function NotificationItem({ notification: n, onOpen, onMarkRead }: { notification: Notification; onOpen: () => void; onMarkRead: () => void }) {
  const unread = n.readAt === null;
  const text = (
    <>
      <span className="flex items-center gap-2 text-sm font-medium">
        {unread ? <span aria-label="Unread" className="size-2 shrink-0 rounded-full bg-primary" /> : null}
        {n.title}
      </span>
      <span className="text-sm text-muted-foreground">{n.body}</span>
      <span className="text-xs text-muted-foreground">{time.format(n.createdAt)} UTC</span>
    </>
  );
  return (
    <li data-testid="notification-item" data-unread={unread} className={cn("flex items-start gap-2 px-3 py-2", unread && "bg-muted/40")}>
      {n.link ? (
        <Link href={n.link} onClick={onOpen} className="flex min-w-0 flex-1 flex-col gap-0.5 rounded-sm outline-offset-2 hover:underline">
          {text}
        </Link>
      ) : (
        <div className="flex min-w-0 flex-1 flex-col gap-0.5">{text}</div>
      )}
      {unread ? (
        <button type="button" className={buttonClasses("ghost", "sm", "shrink-0 text-xs")} onClick={onMarkRead} aria-label={`Mark “${n.title}” as read`}>
          Mark read
        </button>
      ) : null}
    </li>
  );
}

function NotificationListSkeleton() {
  return (
    <LoadingRegion label="Loading notifications" className="flex flex-col divide-y divide-border">
      {Array.from({ length: 3 }, (_, i) => (
        <div key={i} className="flex flex-col gap-1.5 px-3 py-2">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-3 w-28" />
        </div>
      ))}
    </LoadingRegion>
  );
}
