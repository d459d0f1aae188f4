"use client";
import type { QueryKey } from "@tanstack/react-query";
import { useRealtimeQuerySync } from "./use-realtime";

/**
 * For server-rendered pages: names the channels and which query keys each event type
 * invalidates (keys computed on the server with the tRPC options proxy are the same arrays).
 */
export function LiveQuerySync({ channels, invalidate }: { channels: string[]; invalidate: Record<string, QueryKey[]> }) {
  useRealtimeQuerySync(channels, { invalidate });
  return null;
}
