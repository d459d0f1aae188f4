import { create } from "zustand";

export type ConnectionState = "online" | "offline" | "reconnecting";

/** Starts "online" so server and first client render agree; the banner corrects it after mount. */
export const useConnection = create<{ state: ConnectionState }>(() => ({ state: "online" }));

/** The banner reports browser online/offline itself; realtime transports report "reconnecting". */
export function setConnectionState(state: ConnectionState): void {
  useConnection.setState({ state });
}
