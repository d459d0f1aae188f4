"use client";
import { OpenFeatureProvider } from "@openfeature/react-sdk";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { useTRPC } from "@/trpc/client";
import { FLAG_CHANGED_EVENT, type ClientFlagValues } from "../schemas";
import { BROWSER_DOMAIN, browserFlagProvider, serverRenderDomain } from "./hydrated-provider";

/**
 * OpenFeature for the client components below, with the values the server evaluated for this
 * request: the first render (server and browser alike) already has the answer, so nothing
 * flickers. Must sit inside TrpcProvider; app/ subscribes `useFlagEvents` to the flags channel.
 */
export function FlagsProvider({ initial, children }: { initial: ClientFlagValues; children: ReactNode }) {
  const [domain] = useState(() => {
    if (typeof window === "undefined") return serverRenderDomain(initial);
    // A client navigation into another layout brings newer values: take them before rendering.
    browserFlagProvider(initial).update(initial, { silent: true });
    return BROWSER_DOMAIN;
  });
  useEffect(() => {
    browserFlagProvider(initial).update(initial);
  }, [initial]);
  return <OpenFeatureProvider domain={domain}>{children}</OpenFeatureProvider>;
}

/**
 * Handlers for the flags channel: when a flag changes, ask the server for this tab's values
 * again (fresh: after the change) and hand them to the provider; hooks re-render.
 */
export function useFlagEvents(workspaceSlug: string | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refetch = async () => {
    const { values } = await queryClient.fetchQuery({ ...trpc.flags.evaluate.queryOptions({ workspaceSlug, fresh: true }), staleTime: 0, retry: 3 });
    browserFlagProvider(values).update(values);
  };
  return {
    onEvent(message: { type: string }) {
      if (message.type === FLAG_CHANGED_EVENT) void refetch().catch(() => {});
    },
    onRefetch: () => void refetch().catch(() => {}),
  };
}
