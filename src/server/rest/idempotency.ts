import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { apiIdempotencyKeys } from "@/server/db/schema";

export const IDEMPOTENCY_TTL_HOURS = 24;
/** A request still "in progress" after this is taken to have died with its process. */
const STALE_LOCK_SECONDS = 60;
const KEY_PATTERN = /^[\x21-\x7e][\x20-\x7e]{0,254}$/;

export const validIdempotencyKey = (value: string) => KEY_PATTERN.test(value);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Same method, path and body (key order ignored) ⇒ same fingerprint. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${path}\n${canonical(body)}`).digest("hex");
}

export type StoredResponse = { status: number; body: unknown };
export type IdempotentOutcome =
  | { kind: "fresh"; response: StoredResponse }
  | { kind: "replayed"; response: StoredResponse }
  | { kind: "mismatch" }
  | { kind: "in_progress" };

/**
 * Stripe's semantics, per API key: the first request with a key runs and its response is
 * stored for 24 hours; a repeat with the same fingerprint gets that response again; a repeat
 * with a different one is refused; a repeat while the first is still running is refused too.
 * Results that say "try again" (429, 5xx) are not stored, so a retry can still succeed.
 */
export async function runIdempotent(
  db: DbOrTx,
  scope: { apiKeyId: string; workspaceId: string; key: string; fingerprint: string },
  run: () => Promise<StoredResponse>,
): Promise<IdempotentOutcome> {
  const claimed = await db
    .insert(apiIdempotencyKeys)
    .values({ apiKeyId: scope.apiKeyId, key: scope.key, workspaceId: scope.workspaceId, fingerprint: scope.fingerprint, state: "in_progress" })
    .onConflictDoUpdate({
      target: [apiIdempotencyKeys.apiKeyId, apiIdempotencyKeys.key],
      set: { fingerprint: scope.fingerprint, state: "in_progress", responseStatus: null, responseBody: null, lockedAt: sql`now()`, createdAt: sql`now()` },
      // Reclaim only an expired record, or a stale lock for the same request.
      setWhere: sql`${apiIdempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
        or (${apiIdempotencyKeys.state} = 'in_progress' and ${apiIdempotencyKeys.lockedAt} < now() - make_interval(secs => ${STALE_LOCK_SECONDS}) and ${apiIdempotencyKeys.fingerprint} = ${scope.fingerprint})`,
    })
    .returning({ key: apiIdempotencyKeys.key });

  const where = and(eq(apiIdempotencyKeys.apiKeyId, scope.apiKeyId), eq(apiIdempotencyKeys.key, scope.key));
  if (claimed.length === 0) {
    const [existing] = await db
      .select({ fingerprint: apiIdempotencyKeys.fingerprint, state: apiIdempotencyKeys.state, status: apiIdempotencyKeys.responseStatus, body: apiIdempotencyKeys.responseBody })
      .from(apiIdempotencyKeys)
      .where(where);
    // Deleted between our insert and this read (its run failed): the caller may simply retry.
    if (!existing) return { kind: "in_progress" };
    if (existing.fingerprint !== scope.fingerprint) return { kind: "mismatch" };
    if (existing.state !== "completed") return { kind: "in_progress" };
    return { kind: "replayed", response: { status: existing.status!, body: existing.body } };
  }

  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    await db.delete(apiIdempotencyKeys).where(where);
    throw error;
  }
  if (response.status >= 500 || response.status === 429) {
    await db.delete(apiIdempotencyKeys).where(where);
  } else {
    await db.update(apiIdempotencyKeys).set({ state: "completed", responseStatus: response.status, responseBody: response.body }).where(where);
  }
  return { kind: "fresh", response };
}
