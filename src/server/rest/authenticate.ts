import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { consumeRateLimit, peekRateLimit } from "@/server/rate-limit/consume";
import type { KeyCache } from "@/features/api-keys/server/verify/key-cache";
import { verifyApiKey, verifyCachedApiKey, type VerifiedKey } from "@/features/api-keys/server/verify/verify-api-key";
import { apiError } from "./errors";
import type { ApiResult } from "./exchange";
import { rateLimitFields } from "./rate-limit-fields";

/** Failed keys per client IP: cheap to refuse guesses before they cost a database lookup. */
export const INVALID_KEY_RULE = { name: "api-invalid-key", limit: 30, windowSeconds: 60 };

const CODES = {
  malformed: "invalid_api_key",
  unknown: "invalid_api_key",
  revoked: "api_key_revoked",
  expired: "api_key_expired",
  rolled: "api_key_rolled",
  creator_left: "api_key_creator_left",
} as const;

const BEARER = /^Bearer[ ]+(\S+)[ ]*$/i;
const bearerKey = (header: string) => (header.length <= 256 ? (BEARER.exec(header)?.[1] ?? null) : null);

/**
 * A key this process has cached and that passes, without a promise: what almost every request
 * carries. Null for anything else (no header, a key not cached, a refusal), which `authenticate`
 * answers — and counts against the address when the key fails.
 */
export function authenticateFromCache(header: string | null, now: Date, cache?: KeyCache): { ok: true; key: VerifiedKey } | null {
  const candidate = header && bearerKey(header);
  const result = candidate ? verifyCachedApiKey(candidate, { now, cache }) : null;
  return result?.ok ? { ok: true, key: result.key } : null;
}

/**
 * Bearer key only. Session cookies are never read here, so a page on another site can't make
 * a signed-in browser call the API (no CSRF surface) — a key must be sent explicitly.
 */
export async function authenticate(
  header: string | null,
  ip: string,
  requestId: string,
  db: DbOrTx,
  cache?: KeyCache,
): Promise<{ ok: true; key: VerifiedKey } | { ok: false; response: ApiResult }> {
  if (!header) {
    return { ok: false, response: apiError("missing_api_key", "Send your API key as `Authorization: Bearer gw_live_…`.", requestId) };
  }
  const candidate = bearerKey(header);
  if (!candidate) {
    return { ok: false, response: apiError("invalid_authorization_header", "The Authorization header must be `Bearer <api key>`.", requestId) };
  }
  const subject = `ip:${ip}`;
  let throttled: number | null = null;
  const result = await verifyApiKey(candidate, db, {
    cache,
    beforeLookup: async () => {
      const state = await peekRateLimit(db, INVALID_KEY_RULE, subject);
      if (!state.allowed) throttled = state.retryAfterSeconds;
      return state.allowed;
    },
  });
  if (result.ok) return { ok: true, key: result.key };
  // A failed key counts against the address's limit on failures, and the 401 says what is left of it.
  let counted: Record<string, string> = {};
  if (throttled === null) {
    const limit = await consumeRateLimit(db, INVALID_KEY_RULE, subject);
    if (!limit.allowed) throttled = limit.retryAfterSeconds;
    counted = rateLimitFields(INVALID_KEY_RULE, limit.remaining, Math.max(0, Math.ceil((limit.resetAt.getTime() - Date.now()) / 1000)));
  }
  if (throttled !== null) {
    return {
      ok: false,
      response: apiError("too_many_invalid_keys", `Too many requests with invalid API keys from your address. Try again in ${throttled} seconds.`, requestId, {
        headers: { "Retry-After": String(throttled), ...rateLimitFields(INVALID_KEY_RULE, 0, throttled) },
      }),
    };
  }
  return { ok: false, response: apiError(CODES[result.reason], result.message, requestId, { headers: counted }) };
}
