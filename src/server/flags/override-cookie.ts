import "server-only";
import { createHmac } from "node:crypto";
import { FLAGS, isFlagKey, type FlagDefinition, type FlagKey, type JsonValue } from "@/lib/flags/registry";
import { valueSchema } from "@/lib/flags/targeting";
import { cookie, secureCookies } from "@/server/auth/cookies";
import { timingSafeEqualStrings } from "@/server/auth/tokens";
import { appSecret } from "@/server/env";
import { cookieName, readCookie } from "@/server/http/cookie-names";

/**
 * A staff member's own overrides ("show me Trending off"), carried in a cookie signed with
 * APP_SECRET. The signature binds the user id, so the cookie does nothing for anyone else, and
 * it is honoured only while that user still has a staff role. It never touches targeting.
 */
export const overrideCookieName = () => cookieName("flag_overrides", secureCookies());
export const OVERRIDE_TTL_SECONDS = 12 * 3600;

export type FlagOverrides = Partial<Record<FlagKey, JsonValue>>;
type Payload = { u: string; o: FlagOverrides; e: number };

const sign = (body: string) => createHmac("sha256", appSecret()).update(`flag-override:${body}`).digest("base64url");

export function overrideCookieValue(userId: string, overrides: FlagOverrides, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ u: userId, o: overrides, e: Math.floor(now / 1000) + OVERRIDE_TTL_SECONDS } satisfies Payload)).toString("base64url");
  return `${body}.${sign(body)}`;
}

export function overrideCookieHeader(value: string | null): string {
  return cookie(overrideCookieName(), value ?? "", value ? OVERRIDE_TTL_SECONDS : 0);
}

/** The overrides in the request's cookie, when it is validly signed for this staff member; else none. */
export function readFlagOverrides(headers: Headers, viewer: { userId: string; staffRole: string | null } | null, now = Date.now()): FlagOverrides | null {
  if (!viewer?.staffRole) return null;
  const raw = readCookie(headers, overrideCookieName());
  if (!raw || raw.length > 4096) return null;
  const [body, mac] = raw.split(".");
  if (!body || !mac || !timingSafeEqualStrings(mac, sign(body))) return null;
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Payload;
  } catch {
    return null;
  }
  if (payload.u !== viewer.userId || typeof payload.e !== "number" || payload.e * 1000 < now) return null;
  const overrides: FlagOverrides = {};
  for (const [key, value] of Object.entries(payload.o ?? {})) {
    // A flag removed from the registry since, or whose variants changed, is dropped.
    if (isFlagKey(key) && valueSchema(FLAGS[key] as FlagDefinition).safeParse(value).success) overrides[key] = value;
  }
  return overrides;
}
