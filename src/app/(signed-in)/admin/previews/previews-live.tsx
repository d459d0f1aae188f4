"use client";
import { Suspense, useState } from "react";
import { useRealtime } from "@/features/realtime/ui/use-realtime";
import { BranchList, BranchListSkeleton, CreatePreviewForm, PreviewList, PreviewListSkeleton } from "@/features/previews/ui/previews-console";
import { usePreviewEvents } from "@/features/previews/ui/use-preview-list";
import { STAFF_CHANNEL } from "@/server/realtime/channels";

/** The console, live on the staff channel: state changes refetch, log lines stream in. */
export function PreviewsLive() {
  const { handlers, logs } = usePreviewEvents();
  useRealtime([STAFF_CHANNEL], handlers);
  const [picked, setPicked] = useState<string | null>(null);
  return (
    <>
      <CreatePreviewForm prefill={picked} onPrefillUsed={() => setPicked(null)} />
      <Suspense fallback={<PreviewListSkeleton />}>
        <PreviewList logs={logs} />
      </Suspense>
      <Suspense fallback={<BranchListSkeleton />}>
        <BranchList onPick={setPicked} />
      </Suspense>
    </>
  );
}
