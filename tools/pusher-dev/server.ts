/**
 * Dev tool: a Pusher-protocol server (WebSocket protocol 7 + the signed HTTP trigger API) for
 * development, tests and e2e, where Pusher Channels cannot be reached and soketi cannot be
 * installed. Bound to loopback, one app, never deployed. See
 * docs/decisions/007-local-pusher-server.md for what it supports.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { acceptConnection } from "./connection";
import { ErrorCode, errorFrame } from "./frames";
import { handleApiRequest } from "./http-api";
import { ChannelRegistry } from "./registry";

export type PusherDevOptions = {
  appId: string;
  key: string;
  secret: string;
  /** 0 or unset: a free port. */
  port?: number;
  /** Seconds of silence after which pusher-js pings (hosted Pusher says 120). */
  activityTimeoutSeconds?: number;
};

export type PusherDevServer = {
  /** `http://127.0.0.1:{port}`: the HTTP API; the WebSocket lives at `ws://127.0.0.1:{port}/app/{key}`. */
  url: string;
  host: string;
  port: number;
  stop(): Promise<void>;
};

const HOST = "127.0.0.1";
const SUPPORTED_PROTOCOL = "7";

export async function startPusherDevServer(options: PusherDevOptions): Promise<PusherDevServer> {
  const registry = new ChannelRegistry();
  const app = { appId: options.appId, key: options.key, secret: options.secret, registry };
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const http = createServer((req, res) => void handleApiRequest(req, res, app));
  http.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", `http://${HOST}`);
    const key = /^\/app\/([^/]+)$/.exec(url.pathname)?.[1];
    if (key === undefined) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\npusher-dev accepts WebSockets at /app/{key}\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Pusher refuses after the upgrade, with an error frame and a close code pusher-js acts on.
      const refuse = (code: number, message: string) => {
        ws.send(errorFrame(code, message));
        ws.close(code, message);
      };
      if (key !== options.key) return refuse(ErrorCode.unknownAppKey, `App key ${key} not in this cluster. Did you forget to specify the cluster?`);
      const protocol = url.searchParams.get("protocol");
      if (protocol !== SUPPORTED_PROTOCOL) return refuse(ErrorCode.unsupportedProtocol, `Unsupported protocol version ${protocol ?? "(none)"}; pusher-dev speaks ${SUPPORTED_PROTOCOL}`);
      acceptConnection(ws, { ...app, activityTimeoutSeconds: options.activityTimeoutSeconds ?? 120 });
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, HOST, () => resolve());
  });
  const { port } = http.address() as { port: number };

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= new Promise<void>((resolve) => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      http.closeAllConnections();
      http.close(() => resolve());
    });
    return stopped;
  };
  return { url: `http://${HOST}:${port}`, host: HOST, port, stop };
}
