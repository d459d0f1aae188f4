/** The in-memory, Postgres-reconciled limiter behind the public API's per-key limit (decision 040). */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "@/server/db/client";
import { createSyncedLimiter } from "@/server/rate-limit/synced-limiter";

const limiters = [createSyncedLimiter({ intervalMs: 60_000 }), createSyncedLimiter({ intervalMs: 60_000 })];
afterAll(() => limiters.forEach((l) => l.stop()));
const [a, b] = limiters as [ReturnType<typeof createSyncedLimiter>, ReturnType<typeof createSyncedLimiter>];

const sharedHits = async (name: string, subject: string) => (await sql<{ hits: number }[]>`select hits from rate_limit_buckets where key = ${`${name}:${subject}`}`)[0]?.hits ?? 0;
// Mid-window, so a test never straddles a boundary.
const at = (second: number) => new Date(Date.UTC(2026, 11, 5, 9, 0, second));

describe("synced rate limits", () => {
  it("admits exactly the limit in one process, under 50 concurrent hits on a cold key", async () => {
    const rule = { name: `synced-${randomUUID()}`, limit: 30, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 50 }, () => a.consume(rule, "k", at(10))));
    expect(results.filter((r) => r.allowed)).toHaveLength(30);
    expect(results.at(-1)).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 50 });
  });

  it("writes the first hit of a window, then nothing per request until the sync adds the rest in one statement", async () => {
    const rule = { name: `synced-${randomUUID()}`, limit: 1_000, windowSeconds: 60 };
    for (let i = 0; i < 500; i++) expect((await a.consume(rule, "busy", at(10))).allowed).toBe(true);
    expect(await sharedHits(rule.name, "busy")).toBe(1);
    await a.sync();
    expect(await sharedHits(rule.name, "busy")).toBe(500);
  });

  it("two processes see each other's hits after a sync; the overshoot is what one admits between syncs", async () => {
    const rule = { name: `synced-${randomUUID()}`, limit: 10, windowSeconds: 60 };
    for (let i = 0; i < 6; i++) expect((await a.consume(rule, "k", at(10))).allowed).toBe(true);
    await a.sync();
    // b's first hit reads the shared 6 (+ its own): 3 left for b.
    const fromB = [];
    for (let i = 0; i < 5; i++) fromB.push((await b.consume(rule, "k", at(11))).allowed);
    expect(fromB).toEqual([true, true, true, true, false]);
    await b.sync();
    await a.sync();
    expect(await a.consume(rule, "k", at(12))).toMatchObject({ allowed: false, remaining: 0 });
    expect(await sharedHits(rule.name, "k")).toBe(10);
  });

  it("starts again at the next window", async () => {
    const rule = { name: `synced-${randomUUID()}`, limit: 1, windowSeconds: 60 };
    expect((await a.consume(rule, "k", at(10))).allowed).toBe(true);
    expect((await a.consume(rule, "k", at(20))).allowed).toBe(false);
    expect((await a.consume(rule, "k", new Date(at(0).getTime() + 60_000))).allowed).toBe(true);
  });
});
