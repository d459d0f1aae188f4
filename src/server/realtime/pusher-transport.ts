import "server-only";
import http from "node:http";
import https from "node:https";
import Pusher from "pusher";
import { env, pusherEnv } from "@/server/env";
import { toPusherChannel } from "./channels";
import { registerTransport, type RealtimeTransport, type StoredRealtimeEvent } from "./transports";

/** Hosted Pusher's limit on one event's data; pusher-dev, soketi and sockudo enforce it too. */
export const PUSHER_MAX_DATA_BYTES = 10 * 1024;

export type PusherServerConfig = {
  appId: string;
  key: string;
  secret: string;
  /** Self-hosted (soketi, sockudo, tools/pusher-dev): host and port replace the cluster. */
  host?: string;
  port?: number;
  cluster?: string;
};

/**
 * Keep-alive, and bounded: without keep-alive every trigger opens a connection; unbounded, a
 * burst opens one per trigger and the agent then closes all but 256 of them, so the next burst
 * reconnects again (bench/pusher-trigger.ts: ~3× fewer triggers/s with 1000 in flight).
 */
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 50 };

/**
 * One SDK instance per app. TLS follows the same rule as the browser's config
 * (get-realtime-config.ts): hosted Pusher always, a self-hosted host only on port 443.
 */
export function createPusherServer(config: PusherServerConfig): Pusher {
  const credentials = { appId: config.appId, key: config.key, secret: config.secret };
  if (config.host) {
    const useTLS = config.port === 443;
    const agent = useTLS ? new https.Agent(AGENT_OPTIONS) : new http.Agent(AGENT_OPTIONS);
    return new Pusher({ ...credentials, host: config.host, ...(config.port ? { port: String(config.port) } : {}), useTLS, agent });
  }
  return new Pusher({ ...credentials, cluster: config.cluster ?? "mt1", useTLS: true, agent: new https.Agent(AGENT_OPTIONS) });
}

/** What a pusher-js client receives as the event's data: the stored event minus its type (the Pusher event name). */
export type PusherEnvelope = Pick<StoredRealtimeEvent, "id" | "data" | "clientMutationId" | "channel">;

export function createPusherTransport(pusher: Pusher): RealtimeTransport {
  return {
    name: "pusher",
    async deliver(channel, event) {
      const envelope: PusherEnvelope = { id: event.id, data: event.data, clientMutationId: event.clientMutationId, channel };
      const data = JSON.stringify(envelope);
      const bytes = Buffer.byteLength(data, "utf8");
      if (bytes > PUSHER_MAX_DATA_BYTES) {
        throw new Error(`Pusher transport: event ${event.id} (${event.type}) is ${bytes} bytes as sent; Pusher accepts at most ${PUSHER_MAX_DATA_BYTES}`);
      }
      // A string passes through the SDK unchanged, so the size checked is the size sent.
      await pusher.trigger(toPusherChannel(channel), event.type, data);
    },
    // Closes the connections pusher-js signed in as this user (user authentication at /api/pusher/auth);
    // pusher-js reconnects and every private channel is authorized again.
    async endUserConnections(userId) {
      await pusher.terminateUserConnections(userId);
    },
  };
}

const globalForPusher = globalThis as unknown as { groundworkPusherServer?: { pusher: Pusher; fingerprint: string } };

/** The process's SDK instance for the configured app, or null when Pusher is not configured. */
export function pusherServerFromEnv(): Pusher | null {
  const credentials = pusherEnv();
  if (!credentials) return null;
  const config: PusherServerConfig = {
    appId: credentials.PUSHER_APP_ID,
    key: credentials.PUSHER_KEY,
    secret: credentials.PUSHER_SECRET,
    host: env.PUSHER_HOST,
    port: env.PUSHER_PORT,
    cluster: env.PUSHER_CLUSTER,
  };
  // Next may evaluate this module more than once per process; share one instance (and its sockets).
  const fingerprint = JSON.stringify(config);
  const cached = globalForPusher.groundworkPusherServer;
  if (cached?.fingerprint === fingerprint) return cached.pusher;
  const pusher = createPusherServer(config);
  globalForPusher.groundworkPusherServer = { pusher, fingerprint };
  return pusher;
}

/**
 * Registers the Pusher transport when PUSHER_APP_ID/KEY/SECRET are set; a no-op (null)
 * otherwise, so SSE alone serves the app. Safe to call more than once: it replaces by name.
 */
export function registerPusherTransportFromEnv(): (() => void) | null {
  const pusher = pusherServerFromEnv();
  return pusher ? registerTransport(createPusherTransport(pusher)) : null;
}
