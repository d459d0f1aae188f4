import "server-only";
import http from "node:http";
import { Readable } from "node:stream";
import { env } from "@/server/env";
import { markClientAddressEntry, stampClientAddress } from "@/server/http/client-ip";
import { listen, type Listening } from "@/server/http/listen";
import { requestIdFrom } from "@/server/http/request-id";
import { logger } from "@/server/logging/logger";
import { routeHandlers, type Endpoint } from "./endpoint";
import { apiError } from "./envelope";
import { notFoundEndpoint } from "./not-found";
import { openApiDocument } from "./openapi";
import { API_ENDPOINTS } from "./registry";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Route = { pattern: RegExp; handlers: ReturnType<typeof routeHandlers> };

/** The file routes of src/app/api/v1, rebuilt from the registry: one handler set per path, as each route.ts declares. */
function routesFromRegistry(): Route[] {
  const byPath = new Map<string, Partial<Record<Method, Endpoint>>>();
  for (const endpoint of API_ENDPOINTS) byPath.set(endpoint.path, { ...byPath.get(endpoint.path), [endpoint.method]: endpoint });
  return [...byPath].map(([path, defs]) => ({
    pattern: new RegExp(`^/api${path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`),
    handlers: routeHandlers(defs),
  }));
}

export type ApiServer = Listening;

/**
 * `/api/v1` on a bare `node:http` server: the same Request → Response handlers the Next
 * routes export (key check, limits, metering, envelope, idempotency), without Next's
 * per-request pipeline, which on its own costs more than the whole API path (decision 022).
 * A load balancer routes `/api/v1` of the app's host here.
 */
export async function startApiServer(opts: { port: number; host?: string; trustedProxyHops?: number }): Promise<ApiServer> {
  const hops = opts.trustedProxyHops ?? env.TRUSTED_PROXY_HOPS;
  const routes = routesFromRegistry();
  markClientAddressEntry();
  const server = http.createServer((req, res) => {
    stampClientAddress(req, hops);
    void serve(routes, req, res);
  });
  server.keepAliveTimeout = 5_000;
  const listening = await listen(server, opts.port, opts.host);
  logger.info({ port: listening.port }, "api server listening");
  return listening;
}

async function serve(routes: Route[], req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const request = toRequest(req);
    const path = new URL(request.url).pathname;
    let response: Response | null = null;
    if (path === "/healthz") response = Response.json({ status: "ok" });
    else if (path === "/api/v1/openapi.json" && req.method === "GET") {
      response = Response.json(openApiDocument(`${new URL(env.APP_URL).origin}/api`), { headers: { "Cache-Control": "public, max-age=300" } });
    } else {
      for (const route of routes) {
        const match = route.pattern.exec(path);
        if (!match) continue;
        const method = METHODS.find((m) => m === request.method);
        if (!method) {
          response = apiError(405, "method_not_allowed", `${request.method} is not supported by this API.`, requestIdFrom(request.headers), { headers: { Allow: METHODS.join(", ") } });
          break;
        }
        const handler = route.handlers[method];
        // As Next does: params are the decoded path segments (a malformed escape stays as sent).
        const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, raw]) => [name, safeDecode(raw)]));
        response = await handler(request, { params: Promise.resolve(params) });
        break;
      }
      response ??= await notFoundEndpoint(request, {});
    }
    await writeResponse(res, response);
  } catch (error) {
    logger.error({ err: error }, "api server could not answer");
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side." } }));
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function toRequest(req: http.IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function writeResponse(res: http.ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === "set-cookie") return;
    headers[name] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...headers, "content-length": String(body.length) });
  res.end(body);
}
