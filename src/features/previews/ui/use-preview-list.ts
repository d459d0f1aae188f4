"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import type { PreviewDto } from "../schemas";

const MAX_LOG_CHARS = 20_000;

/**
 * The console's live side (app/ subscribes the handlers to the staff channel): "preview.changed"
 * refetches the list (steps, durations, state); "preview.log" text is appended to that
 * preview's live log, kept per step.
 */
export function usePreviewEvents() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [logs, setLogs] = useState<Record<string, { step: string; text: string }>>({});
  const handlers = {
    skipOwnEchoes: false,
    onEvent(message: { type: string; data: unknown }) {
      if (message.type === "preview.changed") void queryClient.invalidateQueries({ queryKey: trpc.previews.list.queryKey() });
      if (message.type === "preview.log") {
        const { previewId, step, text } = message.data as { previewId: string; step: string; text: string };
        setLogs((all) => {
          const current = all[previewId]?.step === step ? all[previewId]!.text : "";
          return { ...all, [previewId]: { step, text: (current + text).slice(-MAX_LOG_CHARS) } };
        });
      }
    },
    onRefetch: () => void queryClient.invalidateQueries({ queryKey: trpc.previews.list.queryKey() }),
  };
  return { handlers, logs };
}

/** Optimistic edits of one preview in the cached list, with the snapshot to roll back to. */
export function usePreviewCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.previews.list.queryKey();
  type ListData = { previews: PreviewDto[]; cap: number; active: number; driver: "local" | "github" };
  return {
    async patch(previewId: string, change: (p: PreviewDto) => PreviewDto) {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<ListData>(queryKey);
      if (previous) queryClient.setQueryData<ListData>(queryKey, { ...previous, previews: previous.previews.map((p) => (p.id === previewId ? change(p) : p)) });
      return previous;
    },
    restore(previous: ListData | undefined) {
      if (previous) queryClient.setQueryData<ListData>(queryKey, previous);
    },
    settle: () => void queryClient.invalidateQueries({ queryKey }),
  };
}
