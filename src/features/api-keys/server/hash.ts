import "server-only";
import crypto, { createHmac, timingSafeEqual } from "node:crypto";
import { apiKeyPepper } from "@/server/env";

const BLOCK_BYTES = 64; // SHA-256's block size

type Pads = { key: string; inner: Buffer; outer: Buffer };
let pads: Pads | null = null;

/** The key XOR ipad / opad (RFC 2104 §2), made once per key (the pepper: one per process). */
function padsFor(text: string): Pads {
  if (pads?.key === text) return pads;
  let key = Buffer.from(text, "utf8");
  if (key.length > BLOCK_BYTES) key = crypto.createHash("sha256").update(key).digest();
  const inner = Buffer.alloc(BLOCK_BYTES, 0x36);
  const outer = Buffer.alloc(BLOCK_BYTES, 0x5c);
  for (let i = 0; i < key.length; i++) {
    inner[i]! ^= key[i]!;
    outer[i]! ^= key[i]!;
  }
  return (pads = { key: text, inner, outer });
}

/**
 * HMAC-SHA256 under the server-side pepper: a stolen `api_keys` table is useless without
 * the pepper, and a fast hash is fine because keys carry ~178 random bits (nothing to
 * dictionary-attack, unlike passwords).
 *
 * Every API request hashes its key, and `createHmac` sets up a keyed context each call (6 % of
 * `start:api`'s CPU on `GET /v1/me`, decision 040). The same HMAC from two one-shot
 * `crypto.hash` calls over the pepper's precomputed pads costs a fraction of that; the output
 * is identical (`hash.test.ts` checks it against `createHmac`). Node < 20.12 has no
 * `crypto.hash` and uses `createHmac`.
 */
export function hashApiKey(secret: string): string {
  return hmacSha256Hex(apiKeyPepper(), secret);
}

/** HMAC-SHA256 (RFC 2104) as hex, from the key's cached pads. */
export function hmacSha256Hex(key: string, message: string): string {
  if (typeof crypto.hash !== "function") return createHmac("sha256", key).update(message).digest("hex");
  const { inner, outer } = padsFor(key);
  const innerDigest = crypto.hash("sha256", Buffer.concat([inner, Buffer.from(message, "utf8")]), "buffer") as unknown as Buffer;
  return crypto.hash("sha256", Buffer.concat([outer, innerDigest]), "hex");
}

export function sameHash(a: string, b: string): boolean {
  const ba = Buffer.from(a, "hex");
  const bb = Buffer.from(b, "hex");
  return ba.length === bb.length && ba.length > 0 && timingSafeEqual(ba, bb);
}
