import "server-only";
import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from "@oslojs/otp";
import { decodeBase64urlIgnorePadding, encodeBase32NoPadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { renderSVG } from "uqr";
import { open, seal } from "@/server/auth/secret-box";

const ISSUER = "Groundwork";
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side: phones whose clocks drift by up to 30 s still work. */
const GRACE_SECONDS = 30;
const KEY_BYTES = 20;
/** A started setup can be finished within this time; after that the QR code is refused. */
const ENROLLMENT_TTL_MS = 30 * 60 * 1000;

/** How long a code stays acceptable: its own step plus the grace on each side. */
export const TOTP_CODE_LIFETIME_SECONDS = PERIOD_SECONDS + 2 * GRACE_SECONDS;

export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(KEY_BYTES);
  crypto.getRandomValues(key);
  return key;
}

export function totpCodeMatches(key: Uint8Array, code: string): boolean {
  return verifyTOTPWithGracePeriod(key, PERIOD_SECONDS, DIGITS, code, GRACE_SECONDS);
}

export function describeTotpKey(key: Uint8Array, accountName: string) {
  const keyUri = createTOTPKeyURI(ISSUER, accountName, key, PERIOD_SECONDS, DIGITS);
  return {
    keyUri,
    manualKey: encodeBase32NoPadding(key).match(/.{1,4}/g)!.join(" "),
    qrSvg: renderSVG(keyUri, { border: 2 }),
  };
}

/**
 * The pending key travels to the browser and back sealed (AES-GCM) together with the user
 * it was made for and when: the client can neither read, forge nor reuse it for someone else.
 * Layout: key (20) ‖ issued-at ms (8, big-endian) ‖ user id (utf-8).
 */
export function sealEnrollmentToken(key: Uint8Array, userId: string, now: Date): string {
  const issuedAt = new Uint8Array(8);
  new DataView(issuedAt.buffer).setBigUint64(0, BigInt(now.getTime()));
  const user = new TextEncoder().encode(userId);
  const plain = new Uint8Array(KEY_BYTES + 8 + user.length);
  plain.set(key, 0);
  plain.set(issuedAt, KEY_BYTES);
  plain.set(user, KEY_BYTES + 8);
  return encodeBase64urlNoPadding(seal(plain));
}

export function openEnrollmentToken(token: string, userId: string, now: Date): { kind: "valid"; key: Uint8Array } | { kind: "invalid" } | { kind: "expired" } {
  let plain: Uint8Array;
  try {
    plain = open(decodeBase64urlIgnorePadding(token));
  } catch {
    return { kind: "invalid" };
  }
  if (plain.length <= KEY_BYTES + 8) return { kind: "invalid" };
  const issuedAt = Number(new DataView(plain.buffer, plain.byteOffset + KEY_BYTES, 8).getBigUint64(0));
  if (new TextDecoder().decode(plain.subarray(KEY_BYTES + 8)) !== userId) return { kind: "invalid" };
  if (now.getTime() - issuedAt > ENROLLMENT_TTL_MS) return { kind: "expired" };
  return { kind: "valid", key: plain.slice(0, KEY_BYTES) };
}

export const sealTotpKey = (key: Uint8Array) => seal(key);
export const openTotpKey = (sealed: Uint8Array) => open(sealed);
