import type { Metadata } from "next";
import { Suspense } from "react";
import { NotificationPreferencesForm } from "@/features/notifications/ui/notification-preferences-form";
import { NotificationPreferencesSkeleton } from "@/features/notifications/ui/notification-preferences-form-skeleton";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, requireViewer, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationSettingsPage() {
  await requireViewer();
  prefetch(trpc.notifications.preferences.queryOptions());
  return (
    <HydrateClient>
      <div className="flex max-w-3xl flex-col gap-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
          <p className="text-sm text-muted-foreground">What we tell you about, and where. Every email of this kind also has an unsubscribe link.</p>
        </div>
        <Suspense fallback={<NotificationPreferencesSkeleton />}>
          <NotificationPreferencesForm />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
