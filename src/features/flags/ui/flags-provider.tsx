"use client";
import { useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { FlagValuesContext, FlagValueStore } from "@/lib/flags/use-flag";
import { useTRPCClient } from "@/trpc/client";
import { FLAG_CHANGED_EVENT } from "../constants";
import type { ClientFlagValues } from "../schemas";

/**
 * Flag values for the client components below, as the server evaluated them for this request:
 * the first render (server and browser alike) already has the answer, so nothing flickers. Each
 * provider has its own store, so concurrent server renders never share values. Must sit inside
 * TrpcProvider; app/ subscribes `useFlagEvents` to the flags channel.
 */
export function FlagsProvider({ initial, children }: { initial: ClientFlagValues; children: ReactNode }) {
  const [store] = useState(() => new FlagValueStore(initial));
  // The layout rendered again with newer values (a refresh or a navigation within it): take them.
  useEffect(() => void store.update(initial), [store, initial]);
  return <FlagValuesContext.Provider value={store}>{children}</FlagValuesContext.Provider>;
}

/**
 * Handlers for the flags channel: when a flag changes, ask the server for this tab's values
 * again (fresh: after the change) and hand them to the layout's store; hooks re-render. Every
 * event gets its own request (one in flight may predate the change), and only the answer to the
 * latest one is applied, whatever order they arrive in. Must sit inside FlagsProvider.
 */
export function useFlagEvents(workspaceSlug: string | null) {
  const store = useContext(FlagValuesContext);
  if (!store) throw new Error("useFlagEvents needs a FlagsProvider above it");
  const client = useTRPCClient();
  const latest = useRef(0);
  const refetch = async () => {
    const mine = ++latest.current;
    const { values } = await client.flags.evaluate.query({ workspaceSlug, fresh: true });
    if (mine === latest.current) store.update(values);
  };
  return {
    onEvent(message: { type: string }) {
      if (message.type === FLAG_CHANGED_EVENT) void refetch().catch(() => {});
    },
    onRefetch: () => void refetch().catch(() => {}),
  };
}
