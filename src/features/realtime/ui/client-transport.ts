import type { RealtimeConfig, RealtimeMessage } from "../schemas";

export type TransportStatus = "connecting" | "live" | "reconnecting";

export type TransportListener = {
  onEvent(message: RealtimeMessage): void;
  /** The stream had a gap it couldn't replay: reload whatever these channels feed. */
  onRefetch?(): void;
};

/**
 * What `useRealtime` needs from a browser transport. The SSE one lives in `sse-client.ts`;
 * the Pusher one registers itself under "pusher" with `registerClientTransport`.
 * A transport owns one connection per tab and multiplexes every subscribed channel on it.
 */
export type ClientTransport = {
  subscribe(channels: readonly string[], listener: TransportListener, options?: SubscribeOptions): () => void;
};

export type SubscribeOptions = {
  /**
   * The stream position a server-rendered page read before its data (`streamPosition()`): events
   * after it reach this listener even if they were published before it subscribed. SSE replays
   * them; a transport without history (Pusher) answers with `onRefetch` once subscribed.
   */
  since?: string;
};

export type ClientTransportFactory<C extends RealtimeConfig = RealtimeConfig> = (config: C) => ClientTransport;

const factories = new Map<string, ClientTransportFactory<never>>();

export function registerClientTransport<T extends RealtimeConfig["transport"]>(
  transport: T,
  factory: ClientTransportFactory<Extract<RealtimeConfig, { transport: T }>>,
): void {
  factories.set(transport, factory as ClientTransportFactory<never>);
}

export function clientTransportFactory(transport: RealtimeConfig["transport"]): ClientTransportFactory | undefined {
  return factories.get(transport) as ClientTransportFactory | undefined;
}
