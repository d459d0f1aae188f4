import { create } from "zustand";
import { setConnectionState } from "@/components/ui/connection-store";
import type { TransportStatus } from "./client-transport";

/** The live stream's state for the header indicator; "idle" until something subscribes. */
export const useRealtimeStatus = create<{ status: TransportStatus | "idle"; lastEventId: string | null }>(() => ({
  status: "idle",
  lastEventId: null,
}));

/** Transports report here; the app-wide connection banner follows (unless the browser is offline). */
export function reportTransportStatus(status: TransportStatus): void {
  useRealtimeStatus.setState({ status });
  if (typeof navigator !== "undefined" && !navigator.onLine) return;
  if (status === "live") setConnectionState("online");
  else if (status === "reconnecting") setConnectionState("reconnecting");
}

export function reportLastEventId(lastEventId: string): void {
  useRealtimeStatus.setState({ lastEventId });
}
