/**
 * The two signatures of the Pusher protocol, checked the way Pusher checks them: HMAC-SHA256
 * with the app secret, hex-encoded, compared in constant time so a wrong guess leaks nothing.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const hmacHex = (secret: string, text: string) => createHmac("sha256", secret).update(text, "utf8").digest("hex");
export const md5Hex = (body: string | Buffer) => createHash("md5").update(body).digest("hex");

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** What a private or presence subscription signs: `socket_id:channel[:channel_data]`. */
export function channelAuthValid(
  app: { key: string; secret: string },
  input: { socketId: string; channel: string; auth: unknown; channelData?: string },
): boolean {
  if (typeof input.auth !== "string") return false;
  const signed = [input.socketId, input.channel, ...(input.channelData === undefined ? [] : [input.channelData])].join(":");
  return safeEqual(input.auth, `${app.key}:${hmacHex(app.secret, signed)}`);
}

/** What a user sign-in signs: `socket_id::user::user_data`. */
export function userAuthValid(app: { key: string; secret: string }, input: { socketId: string; auth: unknown; userData: string }): boolean {
  if (typeof input.auth !== "string") return false;
  return safeEqual(input.auth, `${app.key}:${hmacHex(app.secret, `${input.socketId}::user::${input.userData}`)}`);
}

/** The string the HTTP API signs: method, path, then every query parameter but the signature, sorted. */
export function apiStringToSign(method: string, path: string, query: URLSearchParams): string {
  const params = [...query.entries()]
    .filter(([name]) => name !== "auth_signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
  return [method.toUpperCase(), path, params].join("\n");
}
