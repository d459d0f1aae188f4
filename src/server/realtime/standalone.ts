import "server-only";
import http from "node:http";
import { env } from "@/server/env";
import { markClientAddressEntry, stampClientAddress } from "@/server/http/client-ip";
import { listen, type Listening } from "@/server/http/listen";
import { logger } from "@/server/logging/logger";
import { realtimeHub, type Hub } from "./hub";
import { handleRealtimeStream } from "./sse";

export const REALTIME_PATH = "/api/realtime";

export type RealtimeServer = Listening;

/**
 * The SSE endpoint on a bare `node:http` server, for instances that only hold streams: the same
 * `handleRealtimeStream` the Next route runs, without Next's per-request machinery (about half
 * the CPU per publish and memory per stream; decision 006). A load balancer routes
 * `/api/realtime` on the app's own host here, so the session cookie and CSP are unchanged.
 */
export async function startRealtimeServer(opts: { port: number; host?: string; hub?: Hub; trustedProxyHops?: number }): Promise<RealtimeServer> {
  const hops = opts.trustedProxyHops ?? env.TRUSTED_PROXY_HOPS;
  const hub = opts.hub ?? realtimeHub();
  markClientAddressEntry();
  const server = http.createServer((req, res) => {
    stampClientAddress(req, hops);
    const path = (req.url ?? "/").split("?")[0];
    if (path === REALTIME_PATH) return void handleRealtimeStream(req, res, hub);
    if (path === "/healthz") {
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      return void res.end(JSON.stringify({ status: "ok", streams: hub.subscriberCount() }));
    }
    res.writeHead(404, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ error: { code: "NOT_FOUND", message: `This server answers ${REALTIME_PATH} only.` } }));
  });
  // Streams are long-lived by design; Node's defaults would cut them.
  server.requestTimeout = 0;
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  await hub.ready();
  const listening = await listen(server, opts.port, opts.host);
  logger.info({ port: listening.port }, "realtime server listening");
  return listening;
}
