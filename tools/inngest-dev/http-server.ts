/**
 * The dev server's HTTP surface: the event API the SDK sends to, sync triggers, and the
 * read-only observability API. No authentication: it only ever listens on loopback.
 */
import http from "node:http";
import type { Sql } from "postgres";
import { BadEventError, ingestEvents } from "./ingest-events";
import { getRun, listRuns, replayRun, stats } from "./observability";
import { storeFunctions, type SyncResult } from "./sync";
import type { FunctionConfig, Log } from "./types";

type Deps = { sql: Sql; log: Log; nudge(): void; sync(url?: string): Promise<SyncResult> };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "body is not JSON");
  }
}

async function route(req: http.IncomingMessage, deps: Deps): Promise<[number, unknown]> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const path = url.pathname.replace(/\/+$/, "") || "/";
  const method = req.method ?? "GET";
  let m: RegExpMatchArray | null;

  if (method === "POST" && (m = path.match(/^\/e\/([^/]+)$/))) {
    try {
      const ids = await ingestEvents(deps.sql, await readJson(req));
      deps.nudge();
      return [200, { ids, status: 200 }];
    } catch (error) {
      if (error instanceof BadEventError) return [400, { ids: [], status: 400, error: error.message }];
      throw error;
    }
  }
  if (method === "POST" && path === "/sync") {
    const body = (await readJson(req)) as { url?: string } | undefined;
    return [200, await deps.sync(body?.url)];
  }
  if (method === "POST" && path === "/fn/register") {
    // Out-of-band sync: an app's `PUT` on its own serve endpoint posts its configs here.
    const body = (await readJson(req)) as { url?: string; functions?: FunctionConfig[] };
    if (!body?.url || !Array.isArray(body.functions)) throw new HttpError(400, "expected { url, functions }");
    const result = await storeFunctions(deps.sql, body.url, body.functions, deps.log);
    return [200, { ok: true, modified: true, ...result }];
  }
  if (method === "GET" && path === "/v0/runs") return [200, await listRuns(deps.sql, url.searchParams)];
  if (method === "GET" && (m = path.match(/^\/v0\/runs\/([^/]+)$/))) {
    const run = await getRun(deps.sql, decodeURIComponent(m[1]!));
    return run ? [200, run] : [404, { error: "run not found" }];
  }
  if (method === "POST" && (m = path.match(/^\/v0\/runs\/([^/]+)\/replay$/))) {
    const result = await replayRun(deps.sql, decodeURIComponent(m[1]!));
    deps.nudge();
    if (result.kind === "not_found") return [404, { error: "run not found" }];
    if (result.kind === "not_finished") return [409, { error: `only failed or cancelled runs can be replayed (this one is ${result.status})` }];
    return [200, { runId: result.runId }];
  }
  if (method === "GET" && path === "/v0/stats") return [200, await stats(deps.sql)];
  if (method === "GET" && path === "/health") return [200, { ok: true }];
  return [404, { error: `no route for ${method} ${path}; this dev server implements /e/{key}, /sync, /fn/register and /v0/{runs,stats}` }];
}

export function createHttpServer(deps: Deps): http.Server {
  return http.createServer((req, res) => {
    route(req, deps)
      .catch((error: Error): [number, unknown] => {
        if (error instanceof HttpError) return [error.status, { error: error.message }];
        if (error instanceof RangeError) return [400, { error: error.message }];
        deps.log(`${req.method} ${req.url} failed: ${error.stack ?? error.message}`);
        return [500, { error: error.message }];
      })
      .then(([status, body]) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      });
  });
}
