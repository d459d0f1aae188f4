"use client";
import { OpenFeatureProvider } from "@openfeature/react-sdk";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTRPCClient } from "@/trpc/client";
import { FLAG_CHANGED_EVENT } from "../constants";
import type { ClientFlagValues } from "../schemas";
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
 * again (fresh: after the change) and hand them to the provider; hooks re-render. Every event
 * gets its own request (one in flight may predate the change), and only the answer to the
 * latest one is applied, whatever order they arrive in.
 */
export function useFlagEvents(workspaceSlug: string | null) {
  const client = useTRPCClient();
  const latest = useRef(0);
  const refetch = async () => {
    const mine = ++latest.current;
    const { values } = await client.flags.evaluate.query({ workspaceSlug, fresh: true });
    if (mine === latest.current) browserFlagProvider(values).update(values);
  };
  return {
    onEvent(message: { type: string }) {
      if (message.type === FLAG_CHANGED_EVENT) void refetch().catch(() => {});
    },
    onRefetch: () => void refetch().catch(() => {}),
  };
}
