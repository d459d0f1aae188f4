import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { consumeRateLimit } from "@/server/rate-limit/consume";
import { readJson, trpcMutation, type TrpcErrorBody } from "../support/http";

describe("Postgres-backed rate limits", () => {
  it("admits exactly the limit under 50 concurrent hits", async () => {
    const rule = { name: "concurrency-test", limit: 30, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 50 }, () => consumeRateLimit(db, rule, "ip:10.0.0.1")));
    expect(results.filter((r) => r.allowed)).toHaveLength(30);
  });

  it("starts a new window once the old one has passed", async () => {
    const rule = { name: "window-test", limit: 1, windowSeconds: 60 };
    const t0 = new Date("2026-11-24T10:00:00Z");
    expect((await consumeRateLimit(db, rule, "s", t0)).allowed).toBe(true);
    const limited = await consumeRateLimit(db, rule, "s", new Date("2026-11-24T10:00:20Z"));
    expect(limited).toMatchObject({ allowed: false, retryAfterSeconds: 40 });
    expect((await consumeRateLimit(db, rule, "s", new Date("2026-11-24T10:01:00Z"))).allowed).toBe(true);
  });

  it("answers the 31st ping in a minute from one address with 429, Retry-After and when to retry", async () => {
    const from = (ip: string) => ({ "x-forwarded-for": ip });
    for (let i = 0; i < 30; i++) expect((await trpcMutation("observability.recordPing", { label: `p${i}` }, from("192.0.2.7"))).status).toBe(200);
    const res = await trpcMutation("observability.recordPing", { label: "one too many" }, from("192.0.2.7"));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await readJson<TrpcErrorBody>(res)).error.data.userMessage).toMatch(/^Too many attempts\. Try again in \d+ (seconds?|minutes?)\.$/);
    expect((await trpcMutation("observability.recordPing", { label: "other caller" }, from("192.0.2.8"))).status).toBe(200);
  });
});
