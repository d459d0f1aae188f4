import "server-only";

/** An event as stored in `realtime_events` and as every transport delivers it. */
export type StoredRealtimeEvent = {
  /** The row id: a bigint as a decimal string, increasing in commit-independent insert order. */
  id: string;
  channel: string;
  type: string;
  data: unknown;
  clientMutationId: string | null;
  createdAt: Date;
  /** The publishing transaction's id (xid8 as decimal text); server-side only, never sent to clients. */
  tx?: string;
};

/**
 * A transport besides SSE (which reads the table itself via LISTEN/NOTIFY). `publish()` calls
 * `deliver` once per event, in the publishing process, after the event's transaction commits
 * (at once when it was published with the pool). A failing transport is logged and never
 * fails the publish.
 */
export interface RealtimeTransport {
  name: string;
  deliver(channel: string, event: StoredRealtimeEvent): Promise<void>;
  /** Closes every connection signed in as this id — a user's, or an impersonation's (`impersonationConnectionId`) — on this transport (they reconnect and are authorized again). */
  endUserConnections?(userId: string): Promise<void>;
}

const globalForTransports = globalThis as unknown as { groundworkRealtimeTransports?: Map<string, RealtimeTransport> };
const transports = (globalForTransports.groundworkRealtimeTransports ??= new Map());

/** Registers (or replaces, by name) a transport; returns a function that unregisters it. */
export function registerTransport(transport: RealtimeTransport): () => void {
  transports.set(transport.name, transport);
  return () => {
    if (transports.get(transport.name) === transport) transports.delete(transport.name);
  };
}

export function registeredTransports(): RealtimeTransport[] {
  return [...transports.values()];
}
