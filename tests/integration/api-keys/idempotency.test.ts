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

  it("a duplicate waits for the first to finish and gets its response; past the wait it is refused", async () => {
    const scope = await scopeFor({ a: 1 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = runIdempotent(db, scope, async () => {
      started();
      await gate;
      return { status: 201, body: { id: "only" } };
    });
    await running;
    // Nothing waits long: a duplicate told to wait 0 ms is refused at once.
    expect(await runIdempotent(db, scope, async () => ({ status: 201, body: { id: "twice!" } }), { waitMs: 0 })).toEqual({ kind: "in_progress" });
    const duplicates = [1, 2, 3].map(() => runIdempotent(db, scope, async () => ({ status: 201, body: { id: "twice!" } }), { waitMs: 60_000 }));
    release();
    expect(await first).toEqual({ kind: "fresh", response: { status: 201, body: { id: "only" } } });
    for (const duplicate of await Promise.all(duplicates)) expect(duplicate).toEqual({ kind: "replayed", response: { status: 201, body: { id: "only" } } });
  });

  it("stores a 500 of an operation that began (Stripe), and replays it", async () => {
    const scope = await scopeFor({ a: 1 });
    let runs = 0;
    const work = async () => ({ status: ++runs === 1 ? 500 : 201, body: { run: runs } });
    expect(await runIdempotent(db, scope, work)).toEqual({ kind: "fresh", response: { status: 500, body: { run: 1 } } });
    expect(await runIdempotent(db, scope, work)).toEqual({ kind: "replayed", response: { status: 500, body: { run: 1 } } });
    expect(runs).toBe(1);
  });

  it("releases the key on 429, 503 and a throw, so the retry runs", async () => {
    for (const status of [429, 503]) {
      const scope = await scopeFor({ a: 1 }, `order-${status}`);
      await runIdempotent(db, scope, async () => ({ status, body: { error: "try again" } }));
      expect(await runIdempotent(db, scope, async () => ({ status: 201, body: { ok: true } }))).toEqual({ kind: "fresh", response: { status: 201, body: { ok: true } } });
    }
    const failing = await scopeFor({ a: 1 }, "order-thrown");
    await expect(runIdempotent(db, failing, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await db.select().from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.apiKeyId, failing.apiKeyId))).toEqual([]);
  });

  it("a release the database refused is retried in the background: the key is not left in progress", async () => {
    const scope = await scopeFor({ a: 1 });
    // The outage that failed the request also fails the release: deletes are refused until `up`.
    let up = false;
    const refused = () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    const flaky = new Proxy(db, {
      get: (target, prop, receiver) => (prop === "delete" && !up ? () => ({ where: refused }) : Reflect.get(target, prop, receiver)),
    });
    expect(await runIdempotent(flaky, scope, async () => ({ status: 503, body: { error: "unavailable" } }))).toMatchObject({ kind: "fresh", response: { status: 503 } });
    expect(await runIdempotent(db, scope, async () => ({ status: 201, body: {} }), { waitMs: 0 })).toEqual({ kind: "in_progress" });
    up = true;
    // The client's retry: waits (well under the 60 s stale-lock time) for the release, then runs.
    expect(await runIdempotent(db, scope, async () => ({ status: 201, body: { ok: "retried" } }), { waitMs: 30_000 })).toEqual({ kind: "fresh", response: { status: 201, body: { ok: "retried" } } });
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
