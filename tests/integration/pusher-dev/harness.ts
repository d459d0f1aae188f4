/**
 * Drives pusher-dev through the real SDKs: `pusher` (server, keep-alive agent) and `pusher-js`
 * (its Node build, WebSocket transport only), configured the way notes/pusher-protocol.md says
 * a self-hosted endpoint is configured.
 */
import http from "node:http";
import Pusher from "pusher";
import PusherClient, { type Channel, type ChannelAuthorizationHandler, type Options } from "pusher-js";
import WebSocket from "ws";
import { findFreePort } from "../../../tools/embedded-postgres";
import { startPusherDevServer, type PusherDevServer } from "../../../tools/pusher-dev/server";

export const APP = { appId: "contract-app", key: "contract-key", secret: "contract-secret" };

export type Harness = { server: PusherDevServer; pusher: Pusher; agent: http.Agent; clients: PusherClient[]; stop(): Promise<void> };

export async function startHarness(): Promise<Harness> {
  const server = await startPusherDevServer({ ...APP, port: await findFreePort() });
  const agent = new http.Agent({ keepAlive: true });
  const pusher = new Pusher({ ...APP, host: server.host, port: String(server.port), useTLS: false, agent });
  const clients: PusherClient[] = [];
  return {
    server,
    pusher,
    agent,
    clients,
    async stop() {
      for (const client of clients) client.disconnect();
      agent.destroy();
      await server.stop();
    },
  };
}

/** Signs subscriptions like an app's auth endpoint would, optionally with presence data. */
export function signingHandler(pusher: Pusher, presence?: { user_id: string; user_info?: Record<string, unknown> }): ChannelAuthorizationHandler {
  return ({ socketId, channelName }, callback) => {
    callback(null, pusher.authorizeChannel(socketId, channelName, channelName.startsWith("presence-") ? presence : undefined));
  };
}

export async function connectClient(h: Harness, options: Partial<Options> = {}): Promise<PusherClient> {
  const client = new PusherClient(APP.key, {
    cluster: "local",
    wsHost: h.server.host,
    wsPort: h.server.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    channelAuthorization: { customHandler: signingHandler(h.pusher) },
    ...options,
  });
  h.clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.connection.bind("connected", () => resolve());
    client.connection.bind("failed", () => reject(new Error("pusher-js could not connect")));
  });
  return client;
}

export function subscribe(client: PusherClient, name: string): Promise<Channel> {
  const channel = client.subscribe(name);
  return new Promise((resolve, reject) => {
    channel.bind("pusher:subscription_succeeded", () => resolve(channel));
    channel.bind("pusher:subscription_error", (error: unknown) => reject(Object.assign(new Error("subscription refused"), { detail: error })));
  });
}

export function nextEvent<T = unknown>(channel: Channel, event: string, timeoutMs = 2000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' on ${channel.name} within ${timeoutMs} ms`)), timeoutMs);
    channel.bind(event, (data: T) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

/** A bare WebSocket, for the protocol edges pusher-js hides (close codes, error frames). */
export async function rawSocket(h: Harness, path: string): Promise<{ ws: WebSocket; frames: Array<{ event: string; channel?: string; data: unknown }>; closed: Promise<number> }> {
  const ws = new WebSocket(`ws://${h.server.host}:${h.server.port}${path}`);
  const frames: Array<{ event: string; channel?: string; data: unknown }> = [];
  ws.on("message", (raw) => frames.push(JSON.parse(raw.toString())));
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return { ws, frames, closed };
}

export async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
