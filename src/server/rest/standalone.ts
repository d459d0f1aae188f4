import "server-only";
import http from "node:http";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { env } from "@/server/env";
import { markClientAddressEntry, stampClientAddress } from "@/server/http/client-ip";
import { carryUnroutableMethod } from "@/server/http/request-method";
import { listen, type Listening } from "@/server/http/listen";
import { logger } from "@/server/logging/logger";
import { handleApiRequest } from "./api";
import { INTERNAL_MESSAGE } from "./endpoint";
import { apiError } from "./errors";

const gzip = promisify(zlib.gzip);

export type ApiServer = Listening;

/**
 * The public API on a bare `node:http` server: the same router the Next catch-all calls (key
 * check, limits, metering, envelope, idempotency), without Next's per-request pipeline, which
 * on its own costs more than the whole API path (decision 022). A load balancer routes `/api/v1`
 * of the app's host here.
 */
export async function startApiServer(opts: { port: number; host?: string; trustedProxyHops?: number }): Promise<ApiServer> {
  const hops = opts.trustedProxyHops ?? env.TRUSTED_PROXY_HOPS;
  markClientAddressEntry();
  const server = http.createServer((req, res) => {
    stampClientAddress(req, hops);
    carryUnroutableMethod(req);
    void serve(req, res);
  });
  server.keepAliveTimeout = 5_000;
  const listening = await listen(server, opts.port, opts.host);
  logger.info({ port: listening.port }, "api server listening");
  return listening;
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const request = toRequest(req);
    const response = new URL(request.url).pathname === "/healthz" ? Response.json({ status: "ok" }) : await handleApiRequest(request, {});
    await writeResponse(req, res, response);
  } catch (error) {
    logger.error({ err: error }, "api server could not answer");
    if (res.headersSent) return void res.end();
    // Still the envelope, with an id to quote, though the router never ran.
    const requestId = crypto.randomUUID();
    const body = JSON.stringify(await apiError("internal_error", INTERNAL_MESSAGE, requestId).json());
    res.writeHead(500, { "Content-Type": "application/json", "X-Request-Id": requestId });
    res.end(body);
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
  return new Request(requestUrl(req), {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** The client's Host names the URL when it can; a malformed one is no reason to fail the request. */
function requestUrl(req: http.IncomingMessage): string {
  try {
    return new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`).href;
  } catch {
    return new URL(req.url ?? "/", "http://localhost").href;
  }
}

/** Bodies smaller than this aren't worth a gzip frame. */
const COMPRESS_MIN_BYTES = 1024;

async function writeResponse(req: http.IncomingMessage, res: http.ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === "set-cookie") return;
    headers[name] = value;
  });
  let body = Buffer.from(await response.arrayBuffer());
  if (body.length >= COMPRESS_MIN_BYTES && acceptsGzip(req.headers["accept-encoding"])) {
    body = await gzip(body);
    headers["content-encoding"] = "gzip";
    headers["vary"] = "Accept-Encoding";
  }
  // A HEAD answer has no body; its length would be the GET's, which we didn't produce.
  if (req.method !== "HEAD") headers["content-length"] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

/** `gzip` listed in Accept-Encoding without `q=0`. */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().split(";");
    return coding!.trim().toLowerCase() === "gzip" && !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}
