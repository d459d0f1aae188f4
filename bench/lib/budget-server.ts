/**
 * The servers of `npm run bench:api:budget`: the bare `node:http` baseline plus a known amount of
 * work per request, to show what a ratio against bare costs on the machine at hand.
 *
 *   BUDGET_LEVEL=spin:<µs>  bare plus a busy loop of that many microseconds (pure CPU, no I/O);
 *   BUDGET_LEVEL=checks     what `GET /v1/me` cannot do without, written as tightly as we know:
 *                           the key's HMAC-SHA256 with our pepper (`hmacSha256Hex`, as the API
 *                           computes it), a Map lookup, a scope check, the per-key fixed window
 *                           and the workspace's monthly count in memory, the day's metering
 *                           counter, a request id, and start:api's headers with the per-request
 *                           values filled in; the JSON body made once;
 *   BUDGET_LEVEL=log        `checks` plus the app's access-log line (`accessLogger`, to /dev/null);
 *   BUDGET_LEVEL=rows       `log` plus the request log: a row per request, written in batches of
 *                           up to 4,000 (at least once a second) through the API's own statement
 *                           (`writeRequestLog`) to the bench's durable Postgres;
 *   BUDGET_LEVEL=async      `rows` inside the request context and six nested async functions.
 * No limit is ever reached and nothing is persisted but the request log: these are floors, not
 * an API. Run with `--conditions=react-server --import tsx` (the app modules are server-only).
 */
import http from "node:http";
import { randomUUID } from "node:crypto";

const level = process.env.BUDGET_LEVEL ?? "checks";
const port = Number(process.env.BUDGET_PORT);
const body = process.env.BUDGET_BODY!;
/** start:api's response headers for the route, as `[name, value, …]` (Content-Length, x-request-id and RateLimit are filled per request). */
const template = JSON.parse(process.env.BUDGET_HEADERS!) as string[];
const bodyLength = String(Buffer.byteLength(body));

function send(res: http.ServerResponse, headers: string[]) {
  res.writeHead(200, headers);
  res.end(body);
}

const plainHeaders = ["Content-Type", "application/json", "Content-Length", bodyLength];

let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;

if (level.startsWith("spin:")) {
  const spinNs = BigInt(Math.round(Number(level.slice(5)) * 1000));
  handler = (_req, res) => {
    const start = process.hrtime.bigint();
    while (process.hrtime.bigint() - start < spinNs);
    send(res, plainHeaders);
  };
} else {
  const { hmacSha256Hex } = await import("../../src/features/api-keys/server/hash");
  const pepper = process.env.API_KEY_PEPPER!;
  type Key = { id: string; workspaceId: string; scopes: Set<string>; limit: number; window: number; used: number };
  const keys = new Map<string, Key>();
  for (const k of JSON.parse(process.env.BUDGET_KEYS!) as Array<{ secret: string; id: string; workspaceId: string; scopes: string[] }>) {
    keys.set(hmacSha256Hex(pepper, k.secret), { id: k.id, workspaceId: k.workspaceId, scopes: new Set(k.scopes), limit: 100_000, window: 0, used: 0 });
  }
  const monthly = new Map<string, number>();
  const MONTHLY_QUOTA = 1_000_000_000;
  const metering = new Map<string, number>();
  const logLine = level === "log" || level === "rows" || level === "async" ? (await import("../../src/server/logging/logger")).accessLogger : null;
  const rows = level === "rows" || level === "async" ? await requestLog() : null;
  const nameIndex = (name: string) => template.findIndex((v, i) => i % 2 === 0 && v.toLowerCase() === name);
  const idAt = nameIndex("x-request-id") + 1;
  const limitAt = nameIndex("ratelimit") + 1;
  const lengthAt = nameIndex("content-length") + 1;

  handler = (req, res) => {
    const started = performance.now();
    const auth = req.headers.authorization;
    const key = auth?.startsWith("Bearer ") ? keys.get(hmacSha256Hex(pepper, auth.slice(7))) : undefined;
    if (!key || !key.scopes.has("usage:read")) {
      res.writeHead(401, plainHeaders);
      return void res.end();
    }
    const now = Date.now();
    const window = now - (now % 60_000);
    if (key.window !== window) {
      key.window = window;
      key.used = 0;
    }
    if (++key.used > key.limit) {
      res.writeHead(429, plainHeaders);
      return void res.end();
    }
    const used = (monthly.get(key.workspaceId) ?? 0) + 1;
    if (used > MONTHLY_QUOTA) {
      res.writeHead(429, plainHeaders);
      return void res.end();
    }
    monthly.set(key.workspaceId, used);
    const meter = `${key.id}|${window - (window % 86_400_000)}|GET /v1/me`;
    metering.set(meter, (metering.get(meter) ?? 0) + 1);
    const requestId = randomUUID();
    const headers = template.slice();
    if (idAt > 0) headers[idAt] = requestId;
    if (limitAt > 0) headers[limitAt] = `"per-key";r=${key.limit - key.used};t=${Math.ceil((window + 60_000 - now) / 1000)}`;
    if (lengthAt > 0) headers[lengthAt] = bodyLength;
    send(res, headers);
    const latencyMs = Math.round(performance.now() - started);
    logLine?.info({ method: "GET", path: req.url, status: 200, durationMs: latencyMs, queries: 0 }, "request");
    rows?.push({ workspaceId: key.workspaceId, apiKeyId: key.id, method: "GET", path: req.url!, route: "GET /v1/me", status: 200, latencyMs, ip: req.socket.remoteAddress ?? null, requestId, billable: true, at: new Date(now) });
  };
}

/**
 * `async`: the `rows` floor run the way the API runs a request — inside the request context
 * (`runWithRequestContext`, an AsyncLocalStorage) and under six nested async functions (the
 * server, router, request runner, endpoint, operation and handler) — to show what the promises
 * and Node 20's AsyncLocalStorage hooks cost beside the work itself.
 */
if (level === "async") {
  const { runWithRequestContext } = await import("../../src/server/logging/context");
  const work = handler;
  const layer = async (depth: number, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (depth === 0) return work(req, res);
    await layer(depth - 1, req, res);
  };
  handler = (req, res) => void runWithRequestContext({ requestId: randomUUID() }, () => layer(6, req, res));
}

/** A buffer of request-log rows written by the API's own statement: 4,000 at a time, or every second. */
async function requestLog() {
  const { db } = await import("../../src/server/db/client");
  const { writeRequestLog } = await import("../../src/features/api-keys/server/verify/usage-recorder");
  const { uuidv7 } = await import("../../src/lib/ids");
  type Row = Omit<Parameters<typeof writeRequestLog>[1][number], "id">;
  let waiting: Parameters<typeof writeRequestLog>[1] = [];
  let writing = false;
  const flush = async () => {
    if (writing || waiting.length === 0) return;
    writing = true;
    const batch = waiting;
    waiting = [];
    try {
      if (!process.env.BUDGET_DISCARD) await writeRequestLog(db, batch);
    } finally {
      writing = false;
    }
  };
  setInterval(() => void flush(), 1_000).unref();
  return {
    push(row: Row) {
      // The API's recorder keeps at most 20,000 waiting too.
      if (waiting.length >= 20_000) return;
      waiting.push({ ...row, id: uuidv7(row.at.getTime()) });
      if (waiting.length >= 4_000) void flush();
    },
  };
}

process.on("SIGTERM", () => process.exit(0));
http
  .createServer((req, res) => {
    if (req.url === "/healthz") {
      res.writeHead(200, plainHeaders);
      return void res.end(body);
    }
    handler(req, res);
  })
  .listen(port, "127.0.0.1");
