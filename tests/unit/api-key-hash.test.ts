import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashApiKey, hmacSha256Hex } from "@/features/api-keys/server/hash";
import { generateApiKey } from "@/lib/api-key-format";
import { apiKeyPepper } from "@/server/env";
import { createRandom } from "@/lib/random";

const reference = (key: string, message: string) => createHmac("sha256", key).update(message).digest("hex");

describe("API key hashing", () => {
  it("is node's HMAC-SHA256 under the pepper, so stored hashes stay valid", () => {
    for (let i = 0; i < 50; i++) {
      const secret = generateApiKey(i % 2 ? "live" : "test");
      expect(hashApiKey(secret)).toBe(reference(apiKeyPepper(), secret));
    }
  });

  it("matches createHmac for keys shorter than, equal to and longer than a block, and for non-ASCII text", () => {
    const random = createRandom(14);
    const text = (n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + Math.floor(random.next() * 0x2fff))).join("");
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
      const key = text(keyLength);
      for (const message of ["", "gw_live_x", text(44), text(300)]) expect(hmacSha256Hex(key, message)).toBe(reference(key, message));
    }
  });

  it("uses each key's own pads when the key changes", () => {
    expect(hmacSha256Hex("first pepper", "m")).toBe(reference("first pepper", "m"));
    expect(hmacSha256Hex("second pepper", "m")).toBe(reference("second pepper", "m"));
    expect(hmacSha256Hex("first pepper", "m")).not.toBe(hmacSha256Hex("second pepper", "m"));
  });
});
