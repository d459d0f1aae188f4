import { z } from "zod";

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then randomness. Ids sort by creation
 * time, so keyset pagination "order by id" is also "order by age" and b-tree inserts stay
 * at the right edge of the index.
 */
export function uuidv7(now: number = Date.now(), fill?: (bytes: Uint8Array) => void): string {
  if (!fill) return fastUuidv7(now);
  const bytes = new Uint8Array(16);
  fill(bytes);
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The same layout from `randomUUID()`, which draws from a pooled entropy buffer (the API meters
 * every request with one of these, decision 040): a v4 UUID already has the RFC variant and
 * random bits everywhere else, so the time goes over its first 48 bits and its version nibble
 * becomes 7.
 */
function fastUuidv7(now: number): string {
  const random = globalThis.crypto.randomUUID();
  const time = now.toString(16).padStart(12, "0");
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}

export function uuidv7Time(id: string): Date {
  return new Date(parseInt(id.replace(/-/g, "").slice(0, 12), 16));
}

export const idSchema = z.uuid({ message: "Must be a valid id" });
