import "server-only";
import http from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { env } from "@/server/env";
import { markClientAddressEntry, stampClientAddress } from "@/server/http/client-ip";
import { listen, type Listening } from "@/server/http/listen";
import { logger } from "@/server/logging/logger";
import { apiRouter } from "./api";
import { INTERNAL_MESSAGE } from "./endpoint";
import { apiError } from "./errors";
import { jsonText, type ApiRequest, type ApiResult } from "./exchange";

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
    void serve(req, res);
  });
  server.keepAliveTimeout = 5_000;
  const listening = await listen(server, opts.port, opts.host);
  logger.info({ port: listening.port }, "api server listening");
  return listening;
}

const HEALTHY: ApiResult = { status: 200, headers: {}, body: { status: "ok" } };

async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const request = new NodeApiRequest(req);
    const result = request.path === "/healthz" ? HEALTHY : await apiRouter(request);
    // A HEAD answer has no body; its length would be the GET's, which we didn't produce.
    const body = result.body === undefined || req.method === "HEAD" ? null : jsonText(result.body);
    if (body !== null && body.length >= COMPRESS_MIN_BYTES && acceptsGzip(req.headers["accept-encoding"])) writeResult(res, result, await gzip(body), true);
    else writeResult(res, result, body, false);
  } catch (error) {
    logger.error({ err: error }, "api server could not answer");
    if (res.headersSent) return void res.end();
    // Still the envelope, with an id to quote, though the router never ran.
    const requestId = crypto.randomUUID();
    res.writeHead(500, { "Content-Type": "application/json", "X-Request-Id": requestId });
    res.end(JSON.stringify(apiError("internal_error", INTERNAL_MESSAGE, requestId).body));
  }
}

/** A path the URL parser would hand back unchanged (no dot segments, escapes or `//`), and a query without a fragment. */
const PLAIN_TARGET = /^\/(?!\/)[A-Za-z0-9\-_~/]*(?:\?[^#]*)?$/;

/**
 * node:http's request as the router reads it: no web `Request`, no header copy, and (being a
 * class) no closures made per request. The method is the one sent, whatever it is (`PROPFIND`
 * and `TRACE` reach the router as themselves, so the unroutable-method header `npm start`
 * needs for Next is not used here, decision 050).
 */
class NodeApiRequest implements ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly https = false;
  readonly headers: NodeHeaders;
  private readonly search: string;
  private params: URLSearchParams | null = null;

  constructor(private readonly req: http.IncomingMessage) {
    this.method = (req.method ?? "GET").toUpperCase();
    this.headers = new NodeHeaders(req.headers);
    const target = req.url ?? "/";
    if (PLAIN_TARGET.test(target)) {
      const q = target.indexOf("?");
      this.path = q === -1 ? target : target.slice(0, q);
      this.search = q === -1 ? "" : target.slice(q + 1);
    } else {
      const url = requestUrl(req);
      this.path = url.pathname;
      this.search = url.search.slice(1);
      this.params = url.searchParams;
    }
  }

  get query(): URLSearchParams {
    return (this.params ??= new URLSearchParams(this.search));
  }

  readBody(limit: number): Promise<Uint8Array | null> {
    return readBody(this.req, limit);
  }
}

class NodeHeaders {
  constructor(private readonly headers: http.IncomingHttpHeaders) {}
  get(name: string): string | null {
    const value = this.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }
}

/** The client's Host names the URL when it can; a malformed one is no reason to fail the request. */
function requestUrl(req: http.IncomingMessage): URL {
  try {
    return new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  } catch {
    return new URL(req.url ?? "/", "http://localhost");
  }
}

/**
 * At most `limit` bytes of the body, or null. Past the limit it stops collecting and lets the
 * rest drain, so the 413 still reaches the client on the same connection.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<Uint8Array | null> {
  if (Number(req.headers["content-length"] ?? "0") > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (finish: () => void) => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      finish();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      settle(() => resolve(null));
      req.resume();
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, size)));
    const onError = (error: Error) => settle(() => reject(error));
    const onClose = () => settle(() => reject(new Error("the client closed the request before its body ended")));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/** Bodies smaller than this aren't worth a gzip frame. */
const COMPRESS_MIN_BYTES = 1024;

/**
 * Writes the answer with its headers as one flat list: the result's own (never changed — a
 * result may be shared: HEALTHY, a stored idempotent replay), then the body's.
 */
function writeResult(res: http.ServerResponse, result: ApiResult, body: string | Buffer | null, gzipped: boolean): void {
  const headers: string[] = [];
  for (const name in result.headers) headers.push(name, result.headers[name]!);
  if (body === null) {
    res.writeHead(result.status, headers);
    return void res.end();
  }
  headers.push("Content-Type", "application/json", "Content-Length", String(Buffer.byteLength(body)));
  if (gzipped) headers.push("Content-Encoding", "gzip", "Vary", "Accept-Encoding");
  res.writeHead(result.status, headers);
  res.end(body);
}
/** `gzip` listed in Accept-Encoding without `q=0`. */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().split(";");
    return coding!.trim().toLowerCase() === "gzip" && !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}
