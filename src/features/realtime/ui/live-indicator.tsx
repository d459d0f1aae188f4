"use client";
import { cn } from "@/lib/cn";
import { useRealtime } from "./use-realtime";
import { useRealtimeStatus } from "./realtime-status";

const LABEL = { idle: "Connecting…", connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" } as const;

/**
 * The header's live dot. It keeps the viewer's own channel open, so every signed-in page has
 * a stream (and pages that add channels share it). Signed out (`null`, a public board) it only
 * reports the stream the page's own channels opened.
 */
export function LiveIndicator({ userId }: { userId: string | null }) {
  useRealtime(userId ? [`user:${userId}`] : [], { onEvent: () => {} });
  const { status, transport, lastEventId } = useRealtimeStatus();
  return (
    <span
      data-testid="live-indicator"
      data-status={status}
      data-transport={transport ?? ""}
      data-last-event-id={lastEventId ?? ""}
      role="status"
      title={LABEL[status]}
      aria-live="polite"
      className="flex shrink-0 items-center gap-1.5 text-xs text-muted-foreground"
    >
      <span
        aria-hidden="true"
        className={cn(
          "size-2 rounded-full",
          status === "live" ? "bg-success" : status === "reconnecting" ? "bg-warning motion-safe:animate-pulse" : "bg-muted-foreground/50",
        )}
      />
      {/* A dot alone on phones; the words stay for screen readers. */}
      <span className="sr-only sm:not-sr-only">{LABEL[status]}</span>
    </span>
  );
}
