"use client";
import type { ReactNode } from "react";
import type { ClientFlagValues } from "@/features/flags/schemas";
import { FlagsProvider, useFlagEvents } from "@/features/flags/ui/flags-provider";
import { useRealtime } from "@/features/realtime/ui/use-realtime";
import { FLAGS_CHANNEL } from "@/server/realtime/channels";

function FlagsLive({ workspaceSlug }: { workspaceSlug: string | null }) {
  useRealtime([FLAGS_CHANNEL], useFlagEvents(workspaceSlug));
  return null;
}

/** Flags for a layout's pages: hydrated with the server's values, kept live over the flags channel. */
export function LiveFlags({ initial, workspaceSlug, children }: { initial: ClientFlagValues; workspaceSlug: string | null; children: ReactNode }) {
  return (
    <FlagsProvider initial={initial}>
      <FlagsLive workspaceSlug={workspaceSlug} />
      {children}
    </FlagsProvider>
  );
}
