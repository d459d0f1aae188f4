import type { Metadata } from "next";
import { Suspense } from "react";
import { nextPingCursor, PING_PAGE_SIZE } from "@/features/observability/schemas";
import { PingLog } from "@/features/observability/ui/ping-log";
import { PingLogSkeleton } from "@/features/observability/ui/ping-log-skeleton";
import { StatusPanel } from "@/features/observability/ui/status-panel";
import { StatusPanelSkeleton } from "@/features/observability/ui/status-panel-skeleton";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Status" };
export const dynamic = "force-dynamic";

export default function StatusPage() {
  prefetch(trpc.observability.status.queryOptions());
  prefetch(trpc.observability.listPings.infiniteQueryOptions({ limit: PING_PAGE_SIZE }, { getNextPageParam: nextPingCursor }));
  return (
    <HydrateClient>
      <div className="flex flex-col gap-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Status</h1>
          <p className="text-sm text-muted-foreground">Live health of this deployment: what /api/health reports, and a write round trip.</p>
        </div>
        <Suspense fallback={<StatusPanelSkeleton />}>
          <StatusPanel />
        </Suspense>
        <Suspense fallback={<PingLogSkeleton />}>
          <PingLog />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
