/**
 * Stripe's Idempotency-Key semantics on real Postgres, at the level of the store every POST
 * endpoint goes through (tests/integration/api-keys/rest-feedback.test.ts drives the same
 * through the POST routes).
 */
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { requestFingerprint, runIdempotent } from "@/server/rest/idempotency";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { db } from "@/server/db/client";
import { apiIdempotencyKeys } from "@/server/db/schema";
import { issueKey, makeApiWorld } from "../../support/api";

afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

async function scopeFor(body: unknown, idem = "order-1") {
  const w = await makeApiWorld();
  const { key } = await issueKey(w.admin, w.workspace, "admin");
  return { apiKeyId: key.id, workspaceId: w.workspace.id, key: idem, fingerprint: requestFingerprint("POST", "/api/v1/things", body) };
}

describe("runIdempotent", () => {
  it("replays the stored response for the same key and body; runs the work once", async () => {
    const scope = await scopeFor({ a: 1, b: [1, 2] });
    let runs = 0;
    const work = async () => ({ status: 201, body: { id: `thing-${++runs}` } });
    expect(await runIdempotent(db, scope, work)).toEqual({ kind: "fresh", response: { status: 201, body: { id: "thing-1" } } });
    // Same body with keys in another order is the same request.
    const again = { ...scope, fingerprint: requestFingerprint("POST", "/api/v1/things", { b: [1, 2], a: 1 }) };
    expect(await runIdempotent(db, again, work)).toEqual({ kind: "replayed", response: { status: 201, body: { id: "thing-1" } } });
    expect(runs).toBe(1);
  });

  it("the same key with a different body is a mismatch", async () => {
    const scope = await scopeFor({ a: 1 });
    await runIdempotent(db, scope, async () => ({ status: 201, body: {} }));
    expect(await runIdempotent(db, { ...scope, fingerprint: requestFingerprint("POST", "/api/v1/things", { a: 2 }) }, async () => ({ status: 201, body: {} }))).toEqual({ kind: "mismatch" });
  });

  it("a concurrent duplicate is refused while the first is in progress", async () => {
    const scope = await scopeFor({ a: 1 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = runIdempotent(db, scope, async () => {
      await gate;
      return { status: 201, body: { id: "only" } };
    });
    await new Promise((r) => setTimeout(r, 50));
    const duplicates = await Promise.all([1, 2, 3].map(() => runIdempotent(db, scope, async () => ({ status: 201, body: { id: "twice!" } }))));
    expect(duplicates).toEqual([{ kind: "in_progress" }, { kind: "in_progress" }, { kind: "in_progress" }]);
    release();
    expect(await first).toEqual({ kind: "fresh", response: { status: 201, body: { id: "only" } } });
    expect(await runIdempotent(db, scope, async () => ({ status: 201, body: { id: "twice!" } }))).toMatchObject({ kind: "replayed", response: { body: { id: "only" } } });
  });

  it("doesn't store a 'try again' answer, so the retry runs", async () => {
    const scope = await scopeFor({ a: 1 });
    await runIdempotent(db, scope, async () => ({ status: 429, body: { error: "slow down" } }));
    expect(await runIdempotent(db, scope, async () => ({ status: 201, body: { ok: true } }))).toEqual({ kind: "fresh", response: { status: 201, body: { ok: true } } });
    const failing = await scopeFor({ a: 1 }, "order-2");
    await expect(runIdempotent(db, failing, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await db.select().from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.apiKeyId, failing.apiKeyId))).toEqual([]);
  });

  it("keys are scoped per API key, and expire after 24 hours", async () => {
    const a = await scopeFor({ a: 1 }, "shared");
    const b = await scopeFor({ a: 2 }, "shared");
    await runIdempotent(db, a, async () => ({ status: 201, body: { from: "a" } }));
    expect(await runIdempotent(db, b, async () => ({ status: 201, body: { from: "b" } }))).toMatchObject({ kind: "fresh", response: { body: { from: "b" } } });
    await db.update(apiIdempotencyKeys).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(apiIdempotencyKeys.apiKeyId, a.apiKeyId));
    const other = { ...a, fingerprint: requestFingerprint("POST", "/api/v1/things", { a: 3 }) };
    expect(await runIdempotent(db, other, async () => ({ status: 201, body: { from: "a, a day later" } }))).toMatchObject({ kind: "fresh" });
  });
});
