import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The callback's signature, as the workflow computes it with openssl:
 * `X-Groundwork-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * Five minutes of validity stop a captured report from being replayed later.
 */
export const SIGNATURE_HEADER = "x-groundwork-signature";
const TOLERANCE_SECONDS = 300;

export function signCallback(body: string, secret: string, at = Math.floor(Date.now() / 1000)): string {
  return `t=${at},v1=${createHmac("sha256", secret).update(`${at}.${body}`).digest("hex")}`;
}

export function verifyCallback(body: string, header: string | null, secret: string, now = Math.floor(Date.now() / 1000)): "ok" | "missing" | "expired" | "mismatch" {
  if (!header) return "missing";
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const at = Number(parts.t);
  if (!Number.isInteger(at) || !parts.v1) return "missing";
  if (Math.abs(now - at) > TOLERANCE_SECONDS) return "expired";
  const expected = Buffer.from(signCallback(body, secret, at).split("v1=")[1]!, "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? "ok" : "mismatch";
}
