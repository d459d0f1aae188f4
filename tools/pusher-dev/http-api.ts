/**
 * The signed HTTP API the `pusher` server SDK calls: `POST /apps/{appId}/events`,
 * `/batch_events` and `/users/{userId}/terminate_connections`, authenticated like Pusher (key, timestamp ±600 s, body MD5, HMAC of the
 * request) and limited like hosted Pusher (10 KB data, 100 channels, 10 events per batch).
 * Every other endpoint answers 400 naming what pusher-dev does not implement.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { CHANNEL_NAME, ErrorCode, MAX_DATA_BYTES, SOCKET_ID, frame } from "./frames";
import type { ChannelRegistry } from "./registry";
import { apiStringToSign, hmacHex, md5Hex, safeEqual } from "./signatures";

export type ApiContext = { appId: string; key: string; secret: string; registry: ChannelRegistry };
type Outcome = { status: number; body: unknown };
type Event = { channels: string[]; name: string; data: string; socket_id?: string };

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_CHANNELS = 100;
const MAX_BATCH = 10;
const TIMESTAMP_GRACE_SECONDS = 600;

const fail = (status: number, error: string): Outcome => ({ status, body: { error } });

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, ctx: ApiContext): Promise<void> {
  const outcome = await answer(req, ctx).catch((error: unknown) => fail(500, `pusher-dev failed: ${String(error)}`));
  res.writeHead(outcome.status, { "content-type": "application/json" }).end(JSON.stringify(outcome.body));
}

async function answer(req: IncomingMessage, ctx: ApiContext): Promise<Outcome> {
  const url = new URL(req.url ?? "/", "http://pusher-dev.invalid");
  const match = /^\/apps\/([^/]+)(\/.*)$/.exec(url.pathname);
  if (!match) return fail(404, `pusher-dev serves /apps/{appId}/events and /apps/{appId}/batch_events, not ${url.pathname}`);
  const body = await readBody(req);
  if (body === null) return fail(413, `Request body larger than ${MAX_BODY_BYTES} bytes`);
  const authError = authenticate(req.method ?? "GET", url, body, ctx);
  if (authError) return authError;
  if (match[1] !== ctx.appId) return fail(403, `The key ${ctx.key} belongs to app ${ctx.appId}, not app ${match[1]}`);
  const endpoint = `${req.method} ${match[2]}`;
  const terminate = /^POST \/users\/([^/]+)\/terminate_connections$/.exec(endpoint);
  if (terminate) {
    ctx.registry.terminateUser(decodeURIComponent(terminate[1]!), ErrorCode.terminated, "You got disconnected by the app.");
    return { status: 200, body: {} };
  }
  if (endpoint !== "POST /events" && endpoint !== "POST /batch_events") {
    return fail(400, `pusher-dev does not support ${endpoint} (supported: POST /events, POST /batch_events, POST /users/{id}/terminate_connections)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return fail(400, "Request body is not valid JSON");
  }
  const events = endpoint === "POST /events" ? parseEvent(json) : parseBatch(json);
  if ("status" in events) return events;
  for (const event of events) {
    for (const channel of event.channels) ctx.registry.publish(channel, frame(event.name, event.data, { channel }), event.socket_id);
  }
  return { status: 200, body: endpoint === "POST /events" ? {} : { batch: events.map(() => ({})) } };
}

function authenticate(method: string, url: URL, body: Buffer, ctx: ApiContext): Outcome | null {
  const q = url.searchParams;
  if (q.get("auth_key") !== ctx.key) return fail(401, `Unknown auth_key ${JSON.stringify(q.get("auth_key"))}`);
  if (q.get("auth_version") !== "1.0") return fail(401, "auth_version must be 1.0");
  const timestamp = Number(q.get("auth_timestamp"));
  const now = Math.floor(Date.now() / 1000);
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > TIMESTAMP_GRACE_SECONDS) {
    return fail(401, `Timestamp expired: given timestamp (${q.get("auth_timestamp")}) not within ${TIMESTAMP_GRACE_SECONDS}s of server time (${now})`);
  }
  if (body.length > 0 && q.get("body_md5") !== md5Hex(body)) return fail(401, "body_md5 does not match the MD5 of the request body");
  const toSign = apiStringToSign(method, url.pathname, q);
  if (!safeEqual(q.get("auth_signature") ?? "", hmacHex(ctx.secret, toSign))) {
    return fail(401, `Invalid signature: you should have sent HmacSHA256Hex(${JSON.stringify(toSign)}, your_secret_key)`);
  }
  return null;
}

function parseEvent(json: unknown): Event[] | Outcome {
  const input = json as Record<string, unknown> | null;
  if (typeof input !== "object" || input === null) return fail(400, "Body must be a JSON object");
  const unsupported = Object.keys(input).filter((k) => !["name", "data", "channels", "channel", "socket_id"].includes(k));
  if (unsupported.length > 0) return fail(400, `pusher-dev does not support the field(s) ${unsupported.join(", ")}`);
  const channels = input.channels ?? (typeof input.channel === "string" ? [input.channel] : undefined);
  if (!Array.isArray(channels) || channels.length === 0) return fail(400, "channels must be a non-empty array");
  if (channels.length > MAX_CHANNELS) return fail(400, `Too many channels: ${channels.length} (at most ${MAX_CHANNELS})`);
  return checkEvent({ ...input, channels });
}

function parseBatch(json: unknown): Event[] | Outcome {
  const batch = (json as { batch?: unknown } | null)?.batch;
  if (!Array.isArray(batch) || batch.length === 0) return fail(400, "batch must be a non-empty array");
  if (batch.length > MAX_BATCH) return fail(400, `Batch too large: ${batch.length} events (at most ${MAX_BATCH})`);
  const events: Event[] = [];
  for (const item of batch as Record<string, unknown>[]) {
    const unsupported = Object.keys(item ?? {}).filter((k) => !["name", "data", "channel", "socket_id"].includes(k));
    if (unsupported.length > 0) return fail(400, `pusher-dev does not support the batch field(s) ${unsupported.join(", ")}`);
    const event = checkEvent({ ...item, channels: [item?.channel] });
    if ("status" in event) return event;
    events.push(...event);
  }
  return events;
}

function checkEvent(input: Record<string, unknown> & { channels: unknown[] }): Event[] | Outcome {
  const { name, data, socket_id: socketId, channels } = input;
  if (typeof name !== "string" || name.length === 0 || name.length > 200) return fail(400, "name must be a string of 1-200 characters");
  if (typeof data !== "string") return fail(400, "data must be a string");
  if (Buffer.byteLength(data) > MAX_DATA_BYTES) return fail(413, `The data content of this event exceeds the allowed maximum (${MAX_DATA_BYTES} bytes)`);
  if (socketId !== undefined && (typeof socketId !== "string" || !SOCKET_ID.test(socketId))) return fail(400, `Invalid socket_id ${JSON.stringify(socketId)}`);
  const bad = channels.find((c) => typeof c !== "string" || !CHANNEL_NAME.test(c));
  if (bad !== undefined) return fail(400, `Invalid channel name ${JSON.stringify(bad)}`);
  return [{ name, data, channels: channels as string[], ...(socketId ? { socket_id: socketId } : {}) }];
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
