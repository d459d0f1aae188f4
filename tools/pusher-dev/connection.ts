/**
 * One pusher-js connection: the protocol-7 conversation after the handshake, user sign-in
 * included (`pusher:signin`, which terminate_connections acts on). Every event the app does not
 * use (encrypted channels, unknown `pusher:*` events) is answered
 * with a `pusher:error` naming it, so a client relying on it fails in development, not later.
 */
import { randomInt } from "node:crypto";
import type { WebSocket } from "ws";
import { CHANNEL_NAME, ErrorCode, MAX_DATA_BYTES, channelKind, errorFrame, frame, objectData, parseInbound, type InboundFrame } from "./frames";
import type { ChannelRegistry, Member, Subscriber } from "./registry";
import { channelAuthValid, userAuthValid } from "./signatures";

export type ConnectionContext = { key: string; secret: string; registry: ChannelRegistry; activityTimeoutSeconds: number };

export function acceptConnection(ws: WebSocket, ctx: ConnectionContext): void {
  const self: Subscriber = {
    socketId: `${randomInt(1, 2 ** 31)}.${randomInt(1, 2 ** 31)}`,
    send: (raw) => {
      if (ws.readyState === ws.OPEN) ws.send(raw);
    },
    close: (code, reason) => {
      self.send(errorFrame(code, reason));
      ws.close(code, reason);
    },
  };
  const members = new Map<string, Member>();
  ws.on("message", (raw, isBinary) => {
    const message = isBinary ? null : parseInbound(raw.toString());
    if (!message) return self.send(errorFrame(null, "pusher-dev: frames must be JSON objects with a string `event`"));
    handle(message, self, members, ctx);
  });
  ws.on("close", () => ctx.registry.disconnect(self));
  self.send(frame("pusher:connection_established", { socket_id: self.socketId, activity_timeout: ctx.activityTimeoutSeconds }));
}

function handle(message: InboundFrame, self: Subscriber, members: Map<string, Member>, ctx: ConnectionContext): void {
  switch (message.event) {
    case "pusher:ping":
      return self.send(frame("pusher:pong", {}));
    case "pusher:pong":
      return;
    case "pusher:subscribe":
      return subscribe(objectData(message.data), self, members, ctx);
    case "pusher:signin":
      return signIn(objectData(message.data), self, ctx);
    case "pusher:unsubscribe": {
      const channel = objectData(message.data)?.channel;
      if (typeof channel !== "string") return self.send(errorFrame(null, "pusher-dev: pusher:unsubscribe needs a channel"));
      members.delete(channel);
      return ctx.registry.unsubscribe(channel, self);
    }
  }
  if (message.event.startsWith("client-")) return clientEvent(message, self, members, ctx);
  self.send(errorFrame(null, `pusher-dev does not support the event '${message.event}' (supported: pusher:ping, pusher:signin, pusher:subscribe, pusher:unsubscribe, client-*)`));
}

/** User authentication: `auth` signs `socket_id::user::user_data`; user_data is JSON with a string `id`. */
function signIn(data: Record<string, unknown> | null, self: Subscriber, ctx: ConnectionContext): void {
  const userData = data?.user_data;
  const id = typeof userData === "string" ? objectData(userData)?.id : undefined;
  if (typeof userData !== "string" || typeof id !== "string" || id === "" || !userAuthValid(ctx, { socketId: self.socketId, auth: data?.auth, userData })) {
    return self.close(ErrorCode.unauthorized, "Invalid signature for pusher:signin (or user_data without a string id)");
  }
  ctx.registry.signIn(self, id);
  self.send(frame("pusher:signin_success", { user_data: userData }));
}

/** The user's own server-to-user channel, open only to a connection signed in as that user. */
const SERVER_TO_USER = "#server-to-user-";

function subscribe(data: Record<string, unknown> | null, self: Subscriber, members: Map<string, Member>, ctx: ConnectionContext): void {
  const channel = data?.channel;
  if (typeof channel === "string" && channel.startsWith(SERVER_TO_USER)) {
    if (!self.userId || channel !== `${SERVER_TO_USER}${self.userId}`) {
      return self.send(frame("pusher:subscription_error", { type: "AuthError", error: `Sign in as the user to subscribe to ${channel}`, status: 401 }, { channel }));
    }
    ctx.registry.subscribe(channel, self, null);
    return self.send(frame("pusher_internal:subscription_succeeded", {}, { channel }));
  }
  if (typeof channel !== "string" || !CHANNEL_NAME.test(channel)) {
    return self.send(errorFrame(null, `pusher-dev: invalid channel name ${JSON.stringify(channel)}`));
  }
  const kind = channelKind(channel);
  if (kind === "encrypted") return self.send(errorFrame(null, `pusher-dev does not support encrypted channels (${channel})`));
  const refuse = (error: string) => self.send(frame("pusher:subscription_error", { type: "AuthError", error, status: 401 }, { channel }));
  let member: Member | null = null;
  if (kind !== "public") {
    const channelData = typeof data?.channel_data === "string" ? data.channel_data : undefined;
    if (!channelAuthValid(ctx, { socketId: self.socketId, channel, auth: data?.auth, channelData })) {
      return refuse(`Invalid signature for channel '${channel}' and socket ${self.socketId}`);
    }
    if (kind === "presence") {
      member = parseMember(channelData);
      if (!member) return refuse("Presence channel_data must be JSON with a user_id");
      members.set(channel, member);
    }
  }
  ctx.registry.subscribe(channel, self, member);
  self.send(frame("pusher_internal:subscription_succeeded", kind === "presence" ? { presence: ctx.registry.presence(channel) } : {}, { channel }));
}

function parseMember(channelData: string | undefined): Member | null {
  const parsed = channelData === undefined ? null : objectData(channelData);
  const userId = parsed?.user_id;
  if (typeof userId !== "string" && typeof userId !== "number") return null;
  return { user_id: String(userId), user_info: parsed?.user_info };
}

function clientEvent(message: InboundFrame, self: Subscriber, members: Map<string, Member>, ctx: ConnectionContext): void {
  const channel = message.channel;
  const reject = (reason: string) => self.send(errorFrame(ErrorCode.clientEventRejected, `Client event rejected: ${reason}`));
  if (!channel) return reject("no channel");
  if (channelKind(channel) === "public") return reject(`client events are only allowed on private and presence channels, not '${channel}'`);
  if (!ctx.registry.isSubscribed(channel, self)) return reject(`not subscribed to '${channel}'`);
  const data = typeof message.data === "string" ? message.data : JSON.stringify(message.data ?? {});
  if (Buffer.byteLength(data) > MAX_DATA_BYTES) return reject(`data is larger than ${MAX_DATA_BYTES} bytes`);
  const userId = members.get(channel)?.user_id;
  ctx.registry.publish(channel, frame(message.event, data, { channel, ...(userId ? { user_id: userId } : {}) }), self.socketId);
}
