import "server-only";
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { apiIdempotencyKeys } from "@/server/db/schema";
import { runInBackground } from "@/server/logging/context";
import { logger } from "@/server/logging/logger";

export const IDEMPOTENCY_TTL_HOURS = 24;
/** A request still "in progress" after this is taken to have died with its process. */
const STALE_LOCK_SECONDS = 60;
/** How long a duplicate waits for the first request to finish before it is told 409. */
export const IN_PROGRESS_WAIT_MS = 1_500;
const POLL_MS = 100;
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

type Scope = { apiKeyId: string; workspaceId: string; key: string; fingerprint: string };

/** Answers that say "nothing happened, try again": the key is released so the retry runs. */
const releases = (status: number) => status === 429 || status === 503;

/**
 * Stripe's semantics, per API key: the first request with a key runs and its response is
 * stored for 24 hours — a 500 too, once the operation has begun; a repeat with the same
 * fingerprint gets that response again; a repeat with a different one is refused. A repeat
 * while the first is still running waits up to `waitMs` for it, then is refused (409).
 * 429 and 503 (an outage, a commit that rolled back) and a `run` that throws release the key.
 */
export async function runIdempotent(
  db: DbOrTx,
  scope: Scope,
  run: () => Promise<StoredResponse>,
  { waitMs = IN_PROGRESS_WAIT_MS }: { waitMs?: number } = {},
): Promise<IdempotentOutcome> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lock = await claim(db, scope);
    if (lock !== null) return { kind: "fresh", response: await runClaimed(db, scope, lock, run) };
    const [existing] = await db
      .select({ fingerprint: apiIdempotencyKeys.fingerprint, state: apiIdempotencyKeys.state, status: apiIdempotencyKeys.responseStatus, body: apiIdempotencyKeys.responseBody })
      .from(apiIdempotencyKeys)
      .where(keyIs(scope));
    if (existing && existing.fingerprint !== scope.fingerprint) return { kind: "mismatch" };
    if (existing?.state === "completed") return { kind: "replayed", response: { status: existing.status!, body: existing.body } };
    // Still running (or released since our claim, which the next claim takes).
    if (Date.now() + POLL_MS > deadline) return { kind: "in_progress" };
    await sleep(POLL_MS);
  }
}

const keyIs = (scope: Scope) => and(eq(apiIdempotencyKeys.apiKeyId, scope.apiKeyId), eq(apiIdempotencyKeys.key, scope.key));

/** Claims the key atomically; the claim's lock time (as text, to the microsecond) identifies it, or null when someone else holds the key. */
async function claim(db: DbOrTx, scope: Scope): Promise<string | null> {
  const [row] = await db
    .insert(apiIdempotencyKeys)
    .values({ apiKeyId: scope.apiKeyId, key: scope.key, workspaceId: scope.workspaceId, fingerprint: scope.fingerprint, state: "in_progress" })
    .onConflictDoUpdate({
      target: [apiIdempotencyKeys.apiKeyId, apiIdempotencyKeys.key],
      set: { fingerprint: scope.fingerprint, state: "in_progress", responseStatus: null, responseBody: null, lockedAt: sql`clock_timestamp()`, createdAt: sql`now()` },
      // Reclaim only an expired record, or a stale lock for the same request.
      setWhere: sql`${apiIdempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
        or (${apiIdempotencyKeys.state} = 'in_progress' and ${apiIdempotencyKeys.lockedAt} < now() - make_interval(secs => ${STALE_LOCK_SECONDS}) and ${apiIdempotencyKeys.fingerprint} = ${scope.fingerprint})`,
    })
    .returning({ lock: sql<string>`${apiIdempotencyKeys.lockedAt}::text` });
  return row?.lock ?? null;
}

async function runClaimed(db: DbOrTx, scope: Scope, lock: string, run: () => Promise<StoredResponse>): Promise<StoredResponse> {
  // Only our own claim: a late write must not touch a record someone reclaimed since.
  const ours = and(keyIs(scope), eq(apiIdempotencyKeys.state, "in_progress"), sql`${apiIdempotencyKeys.lockedAt}::text = ${lock}`);
  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    await settle(() => db.delete(apiIdempotencyKeys).where(ours));
    throw error;
  }
  await settle(() =>
    releases(response.status)
      ? db.delete(apiIdempotencyKeys).where(ours)
      : db.update(apiIdempotencyKeys).set({ state: "completed", responseStatus: response.status, responseBody: response.body }).where(ours),
  );
  return response;
}

/**
 * Releases or completes a claim. When the database is down (the very outage that made the
 * request fail), keeps trying in the background until it is back, rather than leaving the key
 * "in progress" until the stale-lock reclaim a minute later — so the client's retry runs.
 */
async function settle(write: () => PromiseLike<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    logger.warn({ err: error }, "idempotency key not settled; retrying in the background");
    void runInBackground("idempotency-settle", async () => {
      const until = Date.now() + STALE_LOCK_SECONDS * 1000;
      while (Date.now() < until) {
        await sleep(250, undefined, { ref: false });
        if (await Promise.resolve(write()).then(() => true, () => false)) return;
      }
      logger.warn("idempotency key not settled within the stale-lock time; the next request reclaims it");
    });
  }
}
