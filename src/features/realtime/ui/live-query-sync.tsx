"use client";
import type { QueryKey } from "@tanstack/react-query";
import { useRealtimeQuerySync } from "./use-realtime";

/**
 * For server-rendered pages: names the channels and which query keys each event type
 * invalidates (keys computed on the server with the tRPC options proxy are the same arrays).
 * `since` is the stream position the page read (`streamPosition()`) BEFORE it read its data:
 * events between that read and this subscription are replayed, so the page can't keep a state
 * a webhook or another tab already changed.
 */
export function LiveQuerySync({ channels, invalidate, since }: { channels: string[]; invalidate: Record<string, QueryKey[]>; since?: string }) {
  useRealtimeQuerySync(channels, { invalidate }, { since });
  return null;
}
