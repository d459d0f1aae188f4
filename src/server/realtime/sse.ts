import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { resolveRequestSession } from "@/server/auth/request-session";
import { db } from "@/server/db/client";
import { clientIp } from "@/server/http/client-ip";
import { requestIdFrom } from "@/server/http/request-id";
import { runWithRequestContext } from "@/server/logging/context";
import { logger } from "@/server/logging/logger";
import { consumeRateLimit, type RateLimitRule } from "@/server/rate-limit/consume";
import { canSubscribe, mayBeAnonymous } from "./authorize";
import { ACCESS_NARROWED_EVENT, parseChannel } from "./channels";
import { connectionOwnerOf } from "./end-connections";
import { realtimeHub, type Hub } from "./hub";
import { selectMaxEventId } from "./queries";
import { isEventId, replaySince } from "./replay";
import type { StoredRealtimeEvent } from "./transports";

export const MAX_CHANNELS = 20;
/** Signed-out visitors of public boards: streams opened per address (reconnects included). */
export const ANONYMOUS_STREAM_RATE_LIMIT: RateLimitRule = { name: "sse-anonymous", limit: 120, windowSeconds: 60 };
const HEARTBEAT_MS = 15_000;
const RETRY_MS = 3_000;
/**
 * Streams are ended after 10–15 minutes (jittered so they don't all return at once) with a
 * `realtime.rotate` event; the client reopens at once with its last id. Reconnecting re-checks
 * the session and channel access, so a revoked session or membership stops receiving soon.
 */
const MAX_STREAM_MS = 10 * 60_000;
const STREAM_JITTER_MS = 5 * 60_000;
/** Events queued behind a socket that isn't draining; past this the client is dropped and reconnects. */
const MAX_BUFFERED_EVENTS = 256;

/**
 * How long a stream stays open before it rotates: 10–15 minutes, and no later than the end of
 * the impersonation it was opened under (Extend moves that; the stream then ends at the old
 * time and its reconnect picks up the new one).
 */
export function streamLifetimeMs(impersonationExpiresAt: Date | null, now = Date.now(), random = Math.random()): number {
  const rotation = MAX_STREAM_MS + random * STREAM_JITTER_MS;
  return impersonationExpiresAt ? Math.max(0, Math.min(rotation, impersonationExpiresAt.getTime() - now)) : rotation;
}

/** The wire format: one frame per stored event, built once and written to every subscriber. */
const frames = new WeakMap<StoredRealtimeEvent, string>();
export function sseFrame(event: StoredRealtimeEvent): string {
  let frame = frames.get(event);
  if (!frame) {
    const body = { type: event.type, channel: event.channel, data: event.data, clientMutationId: event.clientMutationId };
    frame = `id: ${event.id}\ndata: ${JSON.stringify(body)}\n\n`;
    frames.set(event, frame);
  }
  return frame;
}

const control = (event: string, data: unknown, id?: string) => `${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

const open = new Set<ServerResponse>();
let heartbeat: NodeJS.Timeout | null = null;
function trackHeartbeat(res: ServerResponse) {
  open.add(res);
  heartbeat ??= setInterval(() => {
    for (const stream of open) stream.write(": keep-alive\n\n");
  }, HEARTBEAT_MS).unref();
}
function untrackHeartbeat(res: ServerResponse) {
  open.delete(res);
  if (open.size === 0 && heartbeat) {
    clearInterval(heartbeat);
    heartbeat = null;
  }
}

function sendJson(res: ServerResponse, status: number, code: string, message: string, requestId: string, extra: Record<string, unknown> = {}) {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", "x-request-id": requestId });
  res.end(JSON.stringify({ error: { code, message, request_id: requestId, ...extra } }));
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(key, value);
    else if (Array.isArray(value)) headers.set(key, value.join(", "));
  }
  return headers;
}

/**
 * `GET /api/realtime?channels=a,b` as Server-Sent Events, on Node's own response object
 * (docs/decisions/006-sse-transport.md says why not an App Router route handler).
 */
export function handleRealtimeStream(req: IncomingMessage, res: ServerResponse, hub: Hub = realtimeHub()): Promise<void> {
  const headers = toHeaders(req);
  const requestId = requestIdFrom(headers);
  return runWithRequestContext({ requestId }, () => stream(req, res, headers, requestId, hub));
}

async function stream(req: IncomingMessage, res: ServerResponse, headers: Headers, requestId: string, hub: Hub): Promise<void> {
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET");
    return sendJson(res, 405, "METHOD_NOT_ALLOWED", "Use GET to open the event stream.", requestId);
  }
  const url = new URL(req.url ?? "/", "http://localhost");
  const resolved = await resolveRequestSession(db, headers);
  const session = resolved?.fullyAuthenticated ? resolved : null;
  const channels = [...new Set((url.searchParams.get("channels") ?? "").split(",").map((c) => c.trim()).filter(Boolean))];
  // Signed-out visitors may only ask for public boards' channels (canSubscribe decides which).
  if (!session && !mayBeAnonymous(channels)) {
    return sendJson(res, 401, "UNAUTHORIZED", "Sign in to receive live updates.", requestId);
  }

  if (channels.length === 0 || channels.length > MAX_CHANNELS) {
    return sendJson(res, 400, "BAD_REQUEST", `Name 1 to ${MAX_CHANNELS} channels in ?channels=, separated by commas.`, requestId);
  }
  const malformed = channels.find((c) => !parseChannel(c));
  if (malformed) return sendJson(res, 400, "BAD_REQUEST", `"${malformed}" is not a channel name.`, requestId, { channel: malformed });
  if (!session) {
    // Signed-out streams cost a connection each and need no account: cap how often one address opens them.
    const limit = await consumeRateLimit(db, ANONYMOUS_STREAM_RATE_LIMIT, `ip:${clientIp(headers)}`);
    if (!limit.allowed) return sendJson(res, 429, "TOO_MANY_REQUESTS", `Too many live connections from your address. Try again in ${limit.retryAfterSeconds} seconds.`, requestId, { retry_after_seconds: limit.retryAfterSeconds });
  }
  const subscriber = session ? { userId: session.user.id, staffRole: session.user.staffRole, impersonated: session.impersonation !== null } : null;
  const allowed = await Promise.all(channels.map((c) => canSubscribe(subscriber, c, db)));
  const refused = channels.find((_, i) => !allowed[i]);
  if (refused) return sendJson(res, 403, "FORBIDDEN", `You may not subscribe to ${refused}.`, requestId, { channel: refused });

  const lastEventIdRaw = headers.get("last-event-id") ?? url.searchParams.get("lastEventId");
  const lastEventId = lastEventIdRaw && isEventId(lastEventIdRaw.trim()) ? lastEventIdRaw.trim() : null;

  try {
    await hub.ready();
  } catch (error) {
    logger.error({ err: error }, "realtime hub is not listening");
    return sendJson(res, 503, "SERVICE_UNAVAILABLE", "Live updates are unavailable right now; retrying shortly.", requestId);
  }

  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    "X-Accel-Buffering": "no",
    Connection: "keep-alive",
    "x-request-id": requestId,
  });
  res.socket?.setNoDelay(true);
  res.write(`retry: ${RETRY_MS}\n\n`);

  let closed = false;
  // Live events wait here until the replay is written, so the stream stays in id order.
  let pending: StoredRealtimeEvent[] | null = [];
  const sent = new Set<string>();
  // Notifications reach the hub asynchronously: one for an event the client already had (or
  // that the replay just wrote) can arrive after we subscribed. Late commits still go through.
  let alreadyHad: (event: StoredRealtimeEvent) => boolean = () => false;
  const isDuplicate = (event: StoredRealtimeEvent) => sent.has(event.id) || alreadyHad(event);
  const write = (frame: string): void | Promise<void> => {
    if (closed || res.write(frame)) return;
    return new Promise<void>((resolve, reject) => {
      const onDrain = () => (res.off("close", onClose), resolve());
      const onClose = () => (res.off("drain", onDrain), reject(new Error("closed")));
      res.once("drain", onDrain);
      res.once("close", onClose);
    });
  };
  const subscription = hub.subscribe({
    channels,
    maxBuffered: MAX_BUFFERED_EVENTS,
    owner: session ? connectionOwnerOf(session) : undefined,
    // Signed out, session revoked or a membership removed: stop at once; the reconnect is authorized afresh.
    onEnd() {
      if (closed) return;
      res.write(control("realtime.rotate", {}));
      res.end();
    },
    send(event) {
      // The channel's audience shrank: end the stream so the client reconnects and access is checked again.
      if (event.type === ACCESS_NARROWED_EVENT) {
        if (!closed) {
          res.write(control("realtime.rotate", {}));
          res.end();
        }
        return;
      }
      if (pending) {
        pending.push(event);
        return;
      }
      if (isDuplicate(event)) return;
      return write(sseFrame(event));
    },
    onDrop(reason) {
      logger.warn({ reason, channels }, "realtime stream dropped: client not reading");
      res.destroy();
    },
  });
  // An impersonation's stream ends when it expires (Stop ends it at once, through the hub).
  const rotate = setTimeout(() => {
    res.write(control("realtime.rotate", {}));
    res.end();
  }, streamLifetimeMs(session?.impersonation?.expiresAt ?? null));
  rotate.unref();
  const cleanup = () => {
    if (closed) return;
    closed = true;
    clearTimeout(rotate);
    subscription.unsubscribe();
    untrackHeartbeat(res);
  };
  res.on("close", cleanup);
  trackHeartbeat(res);

  try {
    if (lastEventId) {
      const replay = await replaySince(channels, lastEventId);
      if (replay.kind === "refetch") {
        res.write(control("realtime.refetch", { reason: replay.reason }, String(await selectMaxEventId(db))));
      } else {
        alreadyHad = replay.alreadyHad;
        for (const event of replay.events) {
          sent.add(event.id);
          res.write(sseFrame(event));
        }
      }
      res.write(control("realtime.ready", { channels, replayed: replay.kind === "events" ? replay.events.length : 0 }));
    } else {
      // Tells the client where "now" is, so a reconnect replays from here.
      res.write(control("realtime.ready", { channels, replayed: 0 }, String(await selectMaxEventId(db))));
    }
  } catch (error) {
    logger.error({ err: error }, "realtime replay failed");
    res.write(control("realtime.refetch", { reason: "replay_failed" }));
  }
  const live = pending;
  pending = null;
  for (const event of live) if (!isDuplicate(event) && !closed) void write(sseFrame(event));
  logger.info({ channels, replayFrom: lastEventId, anonymous: subscriber === null }, "realtime stream opened");
}
