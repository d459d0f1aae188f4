import type { Metadata } from "next";
import { Suspense } from "react";
import { SessionsList } from "@/features/auth/ui/sessions-list";
import { SessionsListSkeleton } from "@/features/auth/ui/sessions-list-skeleton";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, requireViewer, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  await requireViewer();
  prefetch(trpc.sessions.list.queryOptions());
  return (
    <HydrateClient>
      <div className="flex max-w-4xl flex-col gap-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Sessions</h1>
          <p className="text-sm text-muted-foreground">Every browser and device signed in to your account.</p>
        </div>
        <Suspense fallback={<SessionsListSkeleton />}>
          <SessionsList />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
