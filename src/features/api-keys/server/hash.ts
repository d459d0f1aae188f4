import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { apiKeyPepper } from "@/server/env";

/**
 * HMAC-SHA256 under the server-side pepper: a stolen `api_keys` table is useless without
 * the pepper, and a fast hash is fine because keys carry ~178 random bits (nothing to
 * dictionary-attack, unlike passwords).
 */
export function hashApiKey(secret: string): string {
  return createHmac("sha256", apiKeyPepper()).update(secret).digest("hex");
}

export function sameHash(a: string, b: string): boolean {
  const ba = Buffer.from(a, "hex");
  const bb = Buffer.from(b, "hex");
  return ba.length === bb.length && ba.length > 0 && timingSafeEqual(ba, bb);
}
