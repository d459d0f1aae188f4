import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { appSecret } from "@/server/env";

const key = () => createHash("sha256").update(`groundwork:secret-box:${appSecret()}`).digest();

/** AES-256-GCM: nonce (12) ‖ tag (16) ‖ ciphertext. For small secrets at rest (TOTP keys). */
export function seal(plain: Uint8Array): Uint8Array {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), nonce);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return new Uint8Array(Buffer.concat([nonce, cipher.getAuthTag(), body]));
}

export function open(sealed: Uint8Array): Uint8Array {
  const buf = Buffer.from(sealed);
  const decipher = createDecipheriv("aes-256-gcm", key(), buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return new Uint8Array(Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]));
}
