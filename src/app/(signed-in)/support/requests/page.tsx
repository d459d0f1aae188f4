import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { LiveQuerySync } from "@/features/realtime/ui/live-query-sync";
import { SUPPORT_EVENTS } from "@/features/support/schemas";
import { MyRequests, MyRequestsSkeleton } from "@/features/support/ui/my-requests";
import { userChannel } from "@/server/realtime/channels";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, requireViewer, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Your support requests" };

export default async function MyRequestsPage() {
  const viewer = await requireViewer();
  prefetch(trpc.support.mine.queryOptions());
  return (
    <HydrateClient>
      <div className="flex max-w-3xl flex-col gap-6">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Your support requests</h1>
            <p className="text-sm text-muted-foreground">Our replies arrive here and by email.</p>
          </div>
          <Link href="/support" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            New request
          </Link>
        </div>
        <LiveQuerySync channels={[userChannel(viewer.id)]} invalidate={{ [SUPPORT_EVENTS.replied]: [trpc.support.mine.queryKey()] }} />
        <Suspense fallback={<MyRequestsSkeleton />}>
          <MyRequests />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
