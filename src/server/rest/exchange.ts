import "server-only";
import { readBodyCapped } from "@/server/http/read-body";
import type { HeaderReader } from "@/server/http/request-id";
import { requestMethod } from "@/server/http/request-method";

/**
 * A request as the public API reads it. `start:api` builds one straight from node:http and the
 * Next catch-all from its `Request`, so the router and endpoints never need web
 * `Request`/`Response` objects, whose construction and body round trip cost `start:api` a
 * quarter of its CPU (decision 040).
 */
export type ApiRequest = {
  /** The method the client sent, one no route handler can receive included (decision 050). */
  method: string;
  path: string;
  query: URLSearchParams;
  /** Reached over https in production (the HSTS header). */
  https: boolean;
  headers: HeaderReader;
  /** The body, or null when it is over `limit` bytes. */
  readBody(limit: number): Promise<Uint8Array | null>;
};

/** An answer: a status, headers (each name spelled once), and a JSON value for the body — none when `undefined`. */
export type ApiResult = { status: number; headers: Record<string, string>; body?: unknown };

export const jsonResult = (status: number, body: unknown, headers: Record<string, string> = {}): ApiResult => ({ status, headers, body });

/** The Next catch-all's side: its `Request` as the API reads it. */
export function fromWebRequest(req: Request): ApiRequest {
  const url = new URL(req.url);
  return {
    method: requestMethod(req),
    path: url.pathname,
    query: url.searchParams,
    https: process.env.NODE_ENV === "production" && url.protocol === "https:",
    headers: req.headers,
    readBody: (limit) => readBodyCapped(req, limit),
  };
}

/** …and the answer as the one `Response` Next sends. */
export function toWebResponse(result: ApiResult): Response {
  if (result.body === undefined) return new Response(null, { status: result.status, headers: result.headers });
  return new Response(jsonText(result.body), { status: result.status, headers: { "Content-Type": "application/json", ...result.headers } });
}

const serialised = new WeakMap<object, string>();

/**
 * A body as JSON text, made once per body object: a body written again (a cached page's
 * checked output, the shared /healthz answer) reuses its text. Bodies are never changed once
 * they are in a result.
 */
export function jsonText(body: unknown): string {
  if (typeof body !== "object" || body === null) return JSON.stringify(body);
  let text = serialised.get(body);
  if (text === undefined) serialised.set(body, (text = JSON.stringify(body)));
  return text;
}
