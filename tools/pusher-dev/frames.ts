/**
 * Protocol-7 frames. Pusher double-encodes: a frame is JSON and its `data` is a JSON string
 * (pusher-js parses it again); only `pusher:error` carries `data` as an object.
 */
export type InboundFrame = { event: string; channel?: string; data?: unknown };

export const ErrorCode = {
  unknownAppKey: 4001,
  unsupportedProtocol: 4007,
  /** "Connection not authorized": a sign-in with a bad signature. */
  unauthorized: 4009,
  /**
   * `terminate_connections`, as hosted Pusher closes them (soketi and sockudo likewise). 4000–4099
   * means "don't reconnect unchanged": pusher-js stays disconnected, and the app decides
   * (`reconnectWhenTerminated`).
   */
  terminated: 4009,
  clientEventRejected: 4301,
} as const;

export const MAX_DATA_BYTES = 10 * 1024;
/** Pusher's channel-name alphabet and length. */
export const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]{1,200}$/;
export const SOCKET_ID = /^\d+\.\d+$/;

export function frame(event: string, data: unknown, extra: { channel?: string; user_id?: string } = {}): string {
  return JSON.stringify({ event, ...extra, data: typeof data === "string" ? data : JSON.stringify(data) });
}

/** `code: null` is Pusher's "this message failed, the connection is fine". */
export function errorFrame(code: number | null, message: string): string {
  return JSON.stringify({ event: "pusher:error", data: { code, message } });
}

export function parseInbound(raw: string): InboundFrame | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null) return null;
    const { event, channel, data } = value as Record<string, unknown>;
    if (typeof event !== "string" || (channel !== undefined && typeof channel !== "string")) return null;
    return { event, channel, data };
  } catch {
    return null;
  }
}

/** Clients send `data` as an object or as a JSON string; accept both. */
export function objectData(data: unknown): Record<string, unknown> | null {
  let value = data;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export const channelKind = (channel: string) =>
  channel.startsWith("private-encrypted-") ? "encrypted" : channel.startsWith("presence-") ? "presence" : channel.startsWith("private-") ? "private" : "public";
