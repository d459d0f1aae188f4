"use client";
import type { QueryKey } from "@tanstack/react-query";
import { useSuspenseQuery } from "@tanstack/react-query";
import { LiveQuerySync } from "@/features/realtime/ui/live-query-sync";
import { useTRPC } from "@/trpc/client";

/**
 * The home listens on the workspace's channel and on every board's: the boards come with the
 * home's data, so the channels are known only once it has arrived.
 */
export function HomeLive({ workspaceSlug, workspaceChannel, invalidate, since }: { workspaceSlug: string; workspaceChannel: string; invalidate: Record<string, QueryKey[]>; since: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.home.workspace.queryOptions({ workspaceSlug }));
  return <LiveQuerySync channels={[workspaceChannel, ...data.activity.channels]} invalidate={invalidate} since={since} />;
}
