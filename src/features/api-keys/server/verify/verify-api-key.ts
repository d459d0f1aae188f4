import "server-only";
import { parseApiKey } from "@/lib/api-key-format";
import { effectiveScopes, type ApiKeyScope } from "@/lib/api-scopes";
import type { DbOrTx } from "@/server/db/client";
import { hashApiKey, sameHash } from "../hash";
import { selectKeyForVerification } from "../queries";
import { apiKeyCache, type CachedKey, type KeyCache } from "./key-cache";

export type VerifiedKey = CachedKey & { creator: NonNullable<CachedKey["creator"]>; effectiveScopes: ApiKeyScope[] };

export type Verification =
  | { ok: true; key: VerifiedKey; cached: boolean }
  | { ok: false; reason: keyof typeof REFUSALS; message: string; lookedUp: boolean };

const REFUSALS = {
  malformed: "That is not a Groundwork API key (they look like gw_live_… or gw_test_…; check for a copy-paste mistake).",
  unknown: "This API key doesn't exist. Check that you copied it whole, or create a new one.",
  revoked: "This API key was revoked. Create a new key in the workspace's API keys page.",
  expired: "This API key has expired. Create a new key, or ask an admin for one.",
  rolled: "This API key was rolled and its grace period is over. Use the new secret.",
  creator_left: "The person who created this key is no longer a member of the workspace, so it stopped working. An admin can create a new key.",
} as const;

const refuse = (reason: keyof typeof REFUSALS, lookedUp: boolean): Verification => ({ ok: false, reason, message: REFUSALS[reason], lookedUp });

/** Each cached key's verified form, made once rather than per request (callers must not change it). */
const verifiedForms = new WeakMap<CachedKey, VerifiedKey>();

type CacheLookup = { verification: Verification; hash?: undefined } | { verification: null; hash: string };

/** parse + checksum (no I/O) → hash → this process's cache: the verification, or the hash to look up. */
function fromCache(candidate: string, cache: KeyCache, now: Date): CacheLookup {
  if (!parseApiKey(candidate)) return { verification: refuse("malformed", false) };
  const hash = hashApiKey(candidate);
  const key = cache.get(hash, now.getTime());
  return key ? { verification: judge(key, hash, now, true) } : { verification: null, hash };
}

/**
 * The verification from this process's cache alone, without a promise (the API's request
 * path asks this first, so a cached key costs no async hop); null when the key isn't cached.
 */
export function verifyCachedApiKey(candidate: string, opts: { now?: Date; cache?: KeyCache } = {}): Verification | null {
  return fromCache(candidate, opts.cache ?? apiKeyCache(), opts.now ?? new Date()).verification;
}

/**
 * parse + checksum (no I/O) → hash → cache or one indexed read → revoked / expired / grace /
 * creator still a member. Scopes are cut to the creator's current role here, so callers only
 * compare against `effectiveScopes`.
 */
export async function verifyApiKey(
  candidate: string,
  db: DbOrTx,
  opts: { now?: Date; cache?: KeyCache; beforeLookup?: () => Promise<boolean> } = {},
): Promise<Verification> {
  const now = opts.now ?? new Date();
  const cache = opts.cache ?? apiKeyCache();
  const found = fromCache(candidate, cache, now);
  if (found.verification) return found.verification;
  if (opts.beforeLookup && !(await opts.beforeLookup())) return refuse("unknown", false);
  const generation = cache.generation();
  const key = await loadKey(db, found.hash);
  if (!key) return refuse("unknown", true);
  cache.set(found.hash, key, generation);
  return judge(key, found.hash, now, false);
}

function judge(key: CachedKey, hash: string, now: Date, cached: boolean): Verification {
  // The index matched on equality already; compare again in constant time so no code path
  // branches on how much of a hash matched. (A cache hit was found under this very hash.)
  if (!cached && !sameHash(key.matchedHash, hash)) return refuse("unknown", true);
  if (key.revokedAt) return refuse("revoked", !cached);
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return refuse("expired", !cached);
  if (key.matchedPreviousUntil && key.matchedPreviousUntil.getTime() <= now.getTime()) return refuse("rolled", !cached);
  const creator = key.creator;
  if (!creator) return refuse("creator_left", !cached);
  let verified = verifiedForms.get(key);
  if (!verified) verifiedForms.set(key, (verified = { ...key, creator, effectiveScopes: effectiveScopes(key.scopes, creator.role) }));
  return { ok: true, cached, key: verified };
}

async function loadKey(db: DbOrTx, hash: string): Promise<CachedKey | null> {
  const row = await selectKeyForVerification(db, hash);
  if (!row) return null;
  const previous = row.previousSecretHash !== null && sameHash(row.previousSecretHash, hash);
  return {
    id: row.id,
    workspace: { id: row.workspaceId, slug: row.workspaceSlug, name: row.workspaceName, plan: row.plan },
    name: row.name,
    environment: row.environment,
    start: row.start,
    scopes: row.scopes as ApiKeyScope[],
    rateLimitPerMinute: row.rateLimitPerMinute,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    matchedHash: previous ? row.previousSecretHash! : row.secretHash,
    matchedPreviousUntil: previous ? row.previousExpiresAt : null,
    creator: row.createdBy && row.creatorRole ? { userId: row.createdBy, displayName: row.creatorName ?? "", role: row.creatorRole } : null,
  };
}
