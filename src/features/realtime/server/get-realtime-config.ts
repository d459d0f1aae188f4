import "server-only";
import { env, pusherEnv } from "@/server/env";
import type { RealtimeConfig } from "../schemas";

/** SSE unless Pusher is configured; Pusher's host/port default to Pusher Channels' own. */
export function getRealtimeConfig(viewer: { userId: string } | null): RealtimeConfig {
  const pusher = pusherEnv();
  if (!pusher) return { transport: "sse" };
  const cluster = env.PUSHER_CLUSTER ?? "mt1";
  const wsHost = env.PUSHER_HOST ?? `ws-${cluster}.pusher.com`;
  const wsPort = env.PUSHER_PORT ?? 443;
  return { transport: "pusher", key: pusher.PUSHER_KEY, wsHost, wsPort, cluster, forceTLS: wsPort === 443, signIn: viewer !== null };
}
