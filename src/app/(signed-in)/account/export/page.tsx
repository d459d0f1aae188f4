import type { Metadata } from "next";
import { Suspense } from "react";
import { EXPORT_PROGRESS_EVENT } from "@/features/exports/schemas";
import { ExportPanel } from "@/features/exports/ui/export-panel";
import { ExportPanelSkeleton } from "@/features/exports/ui/export-panel-skeleton";
import { LiveQuerySync } from "@/features/realtime/ui/live-query-sync";
import { userChannel } from "@/server/realtime/channels";
import { streamPosition } from "@/server/realtime/replay";
import { HydrateClient } from "@/trpc/hydrate-client";
import { requireViewer, prefetch, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Export my data" };

export default async function ExportPage() {
  const viewer = await requireViewer();
  // Read before the data, so progress published while the page is on its way is replayed to it.
  const since = await streamPosition();
  prefetch(trpc.exports.list.queryOptions());
  return (
    <HydrateClient>
      <LiveQuerySync channels={[userChannel(viewer.userId)]} invalidate={{ [EXPORT_PROGRESS_EVENT]: [trpc.exports.list.queryKey()] }} since={since} />
      <div className="flex max-w-3xl flex-col gap-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Export my data</h1>
          <p className="text-sm text-muted-foreground">Download a copy of everything your account holds.</p>
        </div>
        <Suspense fallback={<ExportPanelSkeleton />}>
          <ExportPanel />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
