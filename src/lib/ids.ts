import { z } from "zod";

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then randomness. Ids sort by creation
 * time, so keyset pagination "order by id" is also "order by age" and b-tree inserts stay
 * at the right edge of the index.
 */
export function uuidv7(now: number = Date.now(), fill: (bytes: Uint8Array) => void = (b) => globalThis.crypto.getRandomValues(b)): string {
  const bytes = new Uint8Array(16);
  fill(bytes);
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function uuidv7Time(id: string): Date {
  return new Date(parseInt(id.replace(/-/g, "").slice(0, 12), 16));
}

export const idSchema = z.uuid({ message: "Must be a valid id" });
