import { create } from "zustand";
import { setConnectionState } from "@/components/ui/connection-store";
import type { RealtimeConfig } from "../schemas";
import type { TransportStatus } from "./client-transport";

/**
 * The live stream's state for the header indicator; "idle" until something subscribes.
 * `transport` is the one actually connecting (a missing client falls back to SSE).
 */
export const useRealtimeStatus = create<{ status: TransportStatus | "idle"; transport: RealtimeConfig["transport"] | null; lastEventId: string | null }>(() => ({
  status: "idle",
  transport: null,
  lastEventId: null,
}));

/** Transports report here; the app-wide connection banner follows (unless the browser is offline). */
export function reportTransportStatus(status: TransportStatus, transport: RealtimeConfig["transport"]): void {
  useRealtimeStatus.setState({ status, transport });
  if (typeof navigator !== "undefined" && !navigator.onLine) return;
  if (status === "live") setConnectionState("online");
  else if (status === "reconnecting") setConnectionState("reconnecting");
}

export function reportLastEventId(lastEventId: string): void {
  useRealtimeStatus.setState({ lastEventId });
}
