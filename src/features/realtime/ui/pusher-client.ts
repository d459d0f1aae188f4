import type PusherJs from "pusher-js";
import type { Channel } from "pusher-js";
import type { ConnectionState } from "@/components/ui/connection-store";
import { toPusherChannel } from "@/server/realtime/channels";
import type { RealtimeConfig, RealtimeMessage } from "../schemas";
import { registerClientTransport, type ClientTransport, type SubscribeOptions, type TransportListener } from "./client-transport";
import { reportLastEventId, reportTransportStatus } from "./realtime-status";
import { reconnectWhenTerminated } from "./reconnect-when-terminated";

export type PusherClientConfig = Omit<Extract<RealtimeConfig, { transport: "pusher" }>, "transport">;

/** pusher-js's states, as the connection banner names them. */
const STATE: Record<string, ConnectionState> = {
  initialized: "reconnecting",
  connecting: "reconnecting",
  connected: "online",
  unavailable: "offline",
  failed: "offline",
  disconnected: "offline",
};

/**
 * A pusher-js client for the runtime config, authorizing private channels at /api/pusher/auth
 * with the session cookie. pusher-js is imported on demand so pages on SSE never download it.
 */
export async function createPusherClient(config: PusherClientConfig, onState: (state: ConnectionState) => void): Promise<PusherJs> {
  const { default: Pusher } = await import("pusher-js");
  const client = new Pusher(config.key, {
    cluster: config.cluster,
    wsHost: config.wsHost,
    wsPort: config.wsPort,
    wssPort: config.wsPort,
    forceTLS: config.forceTLS,
    // Without this pusher-js falls back to Pusher's own sockjs hosts, which a self-hosted server isn't.
    enabledTransports: ["ws", "wss"],
    channelAuthorization: { endpoint: "/api/pusher/auth", transport: "ajax" },
    userAuthentication: { endpoint: "/api/pusher/auth", transport: "ajax" },
  });
  // Signed in, the connection is signed in as the user too: signing out, a revoked session or a
  // removed membership then ends it at once (terminate_connections), and it reconnects with
  // every channel authorized again.
  if (config.signIn) {
    reconnectWhenTerminated(client);
    client.signin();
  }
  client.connection.bind("state_change", ({ current }: { current: string }) => onState(STATE[current] ?? "reconnecting"));
  return client;
}

type Listener = { channels: readonly string[]; listener: TransportListener };

/** Pusher's data for every Groundwork event (see server/realtime/pusher-transport.ts). */
function toMessage(type: string, data: unknown): RealtimeMessage | null {
  const envelope = data as Partial<RealtimeMessage> | null;
  if (typeof envelope?.id !== "string" || typeof envelope.channel !== "string") return null;
  return { id: envelope.id, type, channel: envelope.channel, data: envelope.data, clientMutationId: envelope.clientMutationId ?? null };
}

/**
 * One pusher-js connection per tab, one Pusher channel per app channel however many hooks
 * want it. Pusher keeps no history, so after a reconnect every listener is told to refetch.
 */
class PusherTransport implements ClientTransport {
  private readonly listeners = new Set<Listener>();
  private readonly channels = new Map<string, { channel: Channel; users: number; subscribed: Promise<void> }>();
  private readonly client: Promise<PusherJs>;
  private wasConnected = false;

  constructor(config: PusherClientConfig) {
    this.client = createPusherClient(config, (state) => this.onState(state));
    // When the browser says it went offline, pusher-js only pings and waits for the pong
    // timeout (30 s) on a socket that may be dead; drop it at once (the indicator says
    // "Reconnecting…", like SSE) and reconnect when the network is back (→ refetch).
    if (typeof window !== "undefined") {
      window.addEventListener("offline", () => void this.client.then((client) => client.disconnect()));
      window.addEventListener("online", () => void this.client.then((client) => client.connect()));
    }
  }

  subscribe(channels: readonly string[], listener: TransportListener, options: SubscribeOptions = {}): () => void {
    const entry = { channels, listener };
    this.listeners.add(entry);
    void this.client.then(async (client) => {
      channels.forEach((name) => this.retain(client, name));
      // No history to replay from `since`: once every channel is subscribed, one refetch covers the gap.
      if (options.since === undefined) return;
      await Promise.all(channels.map((name) => this.channels.get(name)?.subscribed));
      if (this.listeners.has(entry)) listener.onRefetch?.();
    });
    return () => {
      this.listeners.delete(entry);
      void this.client.then((client) => channels.forEach((name) => this.release(client, name)));
    };
  }

  private retain(client: PusherJs, name: string) {
    const held = this.channels.get(name);
    if (held) return void held.users++;
    const channel = client.subscribe(toPusherChannel(name));
    const subscribed = new Promise<void>((resolve) => channel.bind("pusher:subscription_succeeded", () => resolve()));
    channel.bind_global((type: string, data: unknown) => {
      if (type.startsWith("pusher:") || type.startsWith("pusher_internal:")) return;
      const message = toMessage(type, data);
      if (!message) return;
      reportLastEventId(message.id);
      for (const { channels, listener } of this.listeners) if (channels.includes(message.channel)) listener.onEvent(message);
    });
    channel.bind("pusher:subscription_error", (error: { status?: number }) => {
      console.error(`Live updates for ${name} were refused (HTTP ${error.status ?? "?"}).`);
    });
    this.channels.set(name, { channel, users: 1, subscribed });
  }

  private release(client: PusherJs, name: string) {
    const held = this.channels.get(name);
    if (!held || --held.users > 0) return;
    held.channel.unbind_all();
    client.unsubscribe(held.channel.name);
    this.channels.delete(name);
  }

  private onState(state: ConnectionState) {
    if (state === "online") {
      if (this.wasConnected) for (const { listener } of this.listeners) listener.onRefetch?.();
      this.wasConnected = true;
      reportTransportStatus("live", "pusher");
    } else {
      reportTransportStatus(this.wasConnected ? "reconnecting" : "connecting", "pusher");
    }
  }
}

registerClientTransport("pusher", (config) => new PusherTransport(config));
