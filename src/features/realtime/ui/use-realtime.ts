"use client";
import { useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { usePreloadWhenIdle } from "@/components/ui/preload-when-idle";
import { useTRPC } from "@/trpc/client";
import type { RealtimeConfig, RealtimeMessage } from "../schemas";
import { clientTransportFactory, type ClientTransport, type SubscribeOptions } from "./client-transport";
import { isOwnEcho } from "@/lib/client-mutation-id";
import { invalidationBatcher } from "./invalidation-batch";

export type RealtimeHandlers = {
  onEvent(message: RealtimeMessage): void;
  /** The stream lost events it couldn't replay (past retention, server restart…): reload. */
  onRefetch?(): void;
  /** Echoes of this tab's own optimistic mutations are skipped unless this is false. */
  skipOwnEchoes?: boolean;
};

/**
 * The transports' code loads on demand, not with the page: with the page it added about 1.7 kB
 * gzipped to every signed-in page's first load (decision 041), and a page subscribes only once
 * it has fetched the runtime config anyway. Importing `./pusher-client` registers the Pusher transport
 * (pusher-js itself loads later still, only when configured). A failed fetch is dropped by the
 * chunk loader, so calling this again fetches again.
 */
const loadTransports = () => Promise.all([import("./sse-client"), import("./pusher-client")]);

const transports = new Map<string, ClientTransport>();
async function transportFor(config: RealtimeConfig): Promise<ClientTransport> {
  const [{ sseTransport }] = await loadTransports();
  if (config.transport === "sse") return sseTransport();
  let transport = transports.get(config.transport);
  if (!transport) {
    const factory = clientTransportFactory(config.transport);
    if (!factory) {
      // The SSE endpoint works wherever the server is long-lived; better late events than none.
      console.error(`Realtime transport "${config.transport}" has no client registered; falling back to SSE.`);
      return sseTransport();
    }
    transport = factory(config);
    transports.set(config.transport, transport);
  }
  return transport;
}

/**
 * Live events of `channels`, from whichever transport the server chose at runtime. Every
 * hook in the tab shares one connection; handlers may change between renders freely.
 */
export function useRealtime(channels: readonly string[], handlers: RealtimeHandlers, options: SubscribeOptions = {}): void {
  const trpc = useTRPC();
  const { data: config } = useQuery({ ...trpc.realtime.config.queryOptions(), staleTime: Infinity, gcTime: Infinity });
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  // Fetched as soon as the page is idle, and counted by the e2e "on-demand code ready" mark, so a
  // tab that goes offline afterwards still has it.
  usePreloadWhenIdle(loadTransports);
  /** Bumped when the browser comes back online after the transports' code failed to load. */
  const [attempt, setAttempt] = useState(0);
  const key = [...new Set(channels)].sort().join(",");
  const { since } = options;

  useEffect(() => {
    if (!config || !key) return;
    let active = true;
    let unsubscribe: (() => void) | null = null;
    const retry = () => setAttempt((n) => n + 1);
    transportFor(config).then(
      (transport) => {
        if (!active) return;
        unsubscribe = transport.subscribe(key.split(","), {
          onEvent(message) {
            if (latest.current.skipOwnEchoes !== false && isOwnEcho(message)) return;
            latest.current.onEvent(message);
          },
          onRefetch: () => latest.current.onRefetch?.(),
        }, { since });
      },
      (error: unknown) => {
        if (!active) return;
        console.error("Live updates could not load; retrying when the browser is back online.", error);
        window.addEventListener("online", retry, { once: true });
      },
    );
    return () => {
      active = false;
      unsubscribe?.();
      window.removeEventListener("online", retry);
    };
  }, [config, key, since, attempt]);
}

export type CacheRules = {
  /** Event type → query keys to invalidate (prefix match, as TanStack Query does). */
  invalidate?: Record<string, readonly QueryKey[]>;
  /** Event type → an in-place cache update (setQueryData) when refetching would be wasteful. */
  patch?: Record<string, (queryClient: QueryClient, message: RealtimeMessage) => void>;
};

/** Applies one event to the query cache per `rules`; invalidations go through `invalidate` (a batcher). */
export function applyRealtimeEvent(queryClient: QueryClient, message: RealtimeMessage, rules: CacheRules, invalidate: (keys: Iterable<QueryKey>) => void): void {
  rules.patch?.[message.type]?.(queryClient, message);
  invalidate(rules.invalidate?.[message.type] ?? []);
}

/** Keeps the query cache in step with `channels`: patch or invalidate per event, everything on a gap. */
export function useRealtimeQuerySync(channels: readonly string[], rules: CacheRules, options: SubscribeOptions = {}): void {
  const queryClient = useQueryClient();
  const invalidate = useMemo(() => invalidationBatcher(queryClient), [queryClient]);
  useRealtime(channels, {
    onEvent: (message) => applyRealtimeEvent(queryClient, message, rules, invalidate),
    onRefetch: () => invalidate(Object.values(rules.invalidate ?? {}).flat()),
  }, options);
}
