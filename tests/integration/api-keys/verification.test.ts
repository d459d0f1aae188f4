/**
 * The verification path of every /api/v1 request, through the real route handlers:
 * key format → lookup → revoked/expired/grace → scopes (cut to the creator's role now) →
 * rate limit → quota → usage, with the error envelope for every refusal.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/features/api-keys/server/revoke-api-key";
import { rollApiKey } from "@/features/api-keys/server/roll-api-key";
import { updateApiKey } from "@/features/api-keys/server/update-api-key";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { generateApiKey } from "@/lib/api-key-format";
import { billingPeriodStart } from "@/lib/plans";
import { db } from "@/server/db/client";
import { apiKeys, apiRequestLog, apiUsagePeriods, memberships } from "@/server/db/schema";
import { actorFor, api, issueKey, makeApiWorld } from "../../support/api";
import { signedInHeaders } from "../../support/sessions";

afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

/** Waits until the cache's LISTEN is up, so the tests exercise the cached path too. */
async function cacheReady() {
  await apiKeyCache().listener.ready();
}

describe("GET /v1/me", () => {
  it("answers with the key's identity, workspace and scopes; never the hash", async () => {
    const w = await makeApiWorld();
    const { secret, key } = await issueKey(w.admin, w.workspace, "admin", { scopes: ["posts:read", "usage:read"], name: "CI" });
    const res = await api("GET", "/api/v1/me", { key: secret });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      key: { id: key.id, name: "CI", environment: "live", start: secret.slice(0, 12), scopes: ["posts:read", "usage:read"], effectiveScopes: ["posts:read", "usage:read"] },
      workspace: { id: w.workspace.id, slug: w.workspace.slug, plan: "free" },
      actingAs: { userId: w.admin.id, role: "admin" },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/secret|hash/i);
    expect(res.headers.get("RateLimit-Policy")).toBe('"per-key";q=600;w=60');
    expect(res.headers.get("RateLimit")).toMatch(/^"per-key";r=599;t=\d+$/);
  });

  it("ignores session cookies: a signed-in browser without a key gets 401", async () => {
    const w = await makeApiWorld();
    const res = await api("GET", "/api/v1/me", { headers: await signedInHeaders(w.owner.id) });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: "missing_api_key", details: null });
    expect(res.body.error!.requestId).toEqual(res.headers.get("x-request-id"));
  });
});

describe("refusals", () => {
  it("malformed, mistyped and unknown keys are 401 with a message that says why", async () => {
    const mistyped = generateApiKey("live");
    const flipped = mistyped.slice(0, 20) + (mistyped[20] === "a" ? "b" : "a") + mistyped.slice(21);
    for (const [header, code] of [
      ["Basic dXNlcjpwYXNz", "invalid_authorization_header"],
      ["Bearer", "invalid_authorization_header"],
      [`Bearer ${"x".repeat(300)}`, "invalid_authorization_header"],
      ["Bearer gw_live_short", "invalid_api_key"],
      [`Bearer ${flipped}`, "invalid_api_key"],
      [`Bearer ${generateApiKey("test")}`, "invalid_api_key"],
    ] as const) {
      const res = await api("GET", "/api/v1/me", { headers: { authorization: header }, ip: `198.51.100.${header.length % 200}` });
      expect(res.status, header).toBe(401);
      expect(res.body.error!.code, header).toBe(code);
      expect(res.headers.get("WWW-Authenticate")).toContain("Bearer");
    }
  });

  it("a revoked key is refused at once, even when it was cached", async () => {
    await cacheReady();
    const w = await makeApiWorld();
    const { secret, key } = await issueKey(w.admin, w.workspace, "admin");
    expect((await api("GET", "/api/v1/me", { key: secret })).status).toBe(200);
    await revokeApiKey({ keyId: key.id }, actorFor(w.admin, w.workspace, "admin"), db);
    const started = Date.now();
    let res = await api("GET", "/api/v1/me", { key: secret });
    // A cached key with an in-memory rate limit answers without any I/O: let the event loop read the NOTIFY between calls, as arriving requests would.
    while (res.status === 200 && Date.now() - started < 1000) {
      await new Promise((resolve) => setImmediate(resolve));
      res = await api("GET", "/api/v1/me", { key: secret });
    }
    expect(res.status).toBe(401);
    expect(res.body.error!.code).toBe("api_key_revoked");
  });

  it("an expired key is refused", async () => {
    const w = await makeApiWorld();
    const { secret, key } = await issueKey(w.admin, w.workspace, "admin", { expiresAt: new Date(Date.now() + 60_000) });
    expect((await api("GET", "/api/v1/me", { key: secret })).status).toBe(200);
    // Time passes: move the expiry into the past (the trigger tells the cache).
    await db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, key.id));
    await expectEventually(async () => (await api("GET", "/api/v1/me", { key: secret })).body.error?.code === "api_key_expired");
  });

  it("after a roll the old secret works for the grace period, then stops; the new one works", async () => {
    const w = await makeApiWorld();
    const { secret: old, key } = await issueKey(w.admin, w.workspace, "admin");
    const rolled = await rollApiKey({ keyId: key.id, graceSeconds: 3600 }, actorFor(w.admin, w.workspace, "admin"), db);
    expect(rolled.secret).not.toBe(old);
    expect(rolled.key.previousExpiresAt).toBeInstanceOf(Date);
    expect((await api("GET", "/api/v1/me", { key: old })).status).toBe(200);
    expect((await api("GET", "/api/v1/me", { key: rolled.secret })).status).toBe(200);
    await db.update(apiKeys).set({ previousExpiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, key.id));
    await expectEventually(async () => (await api("GET", "/api/v1/me", { key: old })).body.error?.code === "api_key_rolled");
    expect((await api("GET", "/api/v1/me", { key: rolled.secret })).status).toBe(200);

    const again = await rollApiKey({ keyId: key.id, graceSeconds: 0 }, actorFor(w.admin, w.workspace, "admin"), db);
    await expectEventually(async () => (await api("GET", "/api/v1/me", { key: rolled.secret })).status === 401);
    expect((await api("GET", "/api/v1/me", { key: again.secret })).status).toBe(200);
  });

  it("a key without the route's scope is 403 naming the scope", async () => {
    const w = await makeApiWorld();
    const { secret } = await issueKey(w.admin, w.workspace, "admin", { scopes: ["posts:read"] });
    const res = await api("GET", "/api/v1/usage", { key: secret });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "missing_scope", details: { requiredScope: "usage:read" } });
    expect(res.body.error!.message).toContain("usage:read");
  });

  it("a member demoted after creating a key loses the scopes above the new role, at once", async () => {
    await cacheReady();
    const w = await makeApiWorld();
    const { secret } = await issueKey(w.admin, w.workspace, "admin", { scopes: ["posts:read", "usage:read"] });
    expect((await api("GET", "/api/v1/usage", { key: secret })).status).toBe(200);
    await db.update(memberships).set({ role: "member" }).where(and(eq(memberships.workspaceId, w.workspace.id), eq(memberships.userId, w.admin.id)));
    await expectEventually(async () => (await api("GET", "/api/v1/usage", { key: secret })).status === 403);
    const res = await api("GET", "/api/v1/usage", { key: secret });
    expect(res.body.error!.message).toMatch(/role \(member\) no longer allows it/);
    const me = await api("GET", "/api/v1/me", { key: secret });
    expect(me.body).toMatchObject({ key: { scopes: ["posts:read", "usage:read"], effectiveScopes: ["posts:read"] }, actingAs: { role: "member" } });
  });

  it("when the creator leaves the workspace, their keys stop", async () => {
    const w = await makeApiWorld();
    const { secret } = await issueKey(w.admin, w.workspace, "admin");
    expect((await api("GET", "/api/v1/me", { key: secret })).status).toBe(200);
    await db.delete(memberships).where(and(eq(memberships.workspaceId, w.workspace.id), eq(memberships.userId, w.admin.id)));
    await expectEventually(async () => (await api("GET", "/api/v1/me", { key: secret })).body.error?.code === "api_key_creator_left");
  });

  it("edits take effect at once (scopes removed → 403)", async () => {
    await cacheReady();
    const w = await makeApiWorld();
    const { secret, key } = await issueKey(w.admin, w.workspace, "admin", { scopes: ["usage:read"] });
    expect((await api("GET", "/api/v1/usage", { key: secret })).status).toBe(200);
    await updateApiKey({ keyId: key.id, scopes: ["posts:read"] }, actorFor(w.admin, w.workspace, "admin"), db);
    await expectEventually(async () => (await api("GET", "/api/v1/usage", { key: secret })).status === 403);
  });

  it("a key of workspace A reads only A's usage", async () => {
    const w = await makeApiWorld();
    const a = await issueKey(w.admin, w.workspace, "admin");
    const b = await issueKey(w.outsider, w.elsewhere, "owner");
    await api("GET", "/api/v1/me", { key: a.secret });
    await api("GET", "/api/v1/me", { key: a.secret });
    await usageRecorder().flush();
    const fromB = await api("GET", "/api/v1/usage?days=1", { key: b.secret });
    expect(fromB.status).toBe(200);
    expect(fromB.body).toMatchObject({ totals: { requests: 0 } });
    const fromA = await api("GET", "/api/v1/usage?days=1", { key: a.secret });
    expect((fromA.body as { totals: { requests: number } }).totals.requests).toBeGreaterThanOrEqual(2);
  });
});

describe("limits", () => {
  it("the per-key rate limit answers 429 with Retry-After and RateLimit headers", async () => {
    const w = await makeApiWorld();
    const { secret } = await issueKey(w.admin, w.workspace, "admin", { rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await api("GET", "/api/v1/me", { key: secret })).status).toBe(200);
    const res = await api("GET", "/api/v1/me", { key: secret });
    expect(res.status).toBe(429);
    expect(res.body.error!.code).toBe("rate_limited");
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(res.headers.get("RateLimit-Policy")).toBe('"per-key";q=3;w=60');
    expect(res.headers.get("RateLimit")).toMatch(/^"per-key";r=0;t=\d+$/);
  });

  it("the free plan's monthly quota answers 429 saying how to upgrade", async () => {
    const w = await makeApiWorld();
    const { secret } = await issueKey(w.admin, w.workspace, "admin");
    await db.insert(apiUsagePeriods).values({ workspaceId: w.workspace.id, periodStart: billingPeriodStart(new Date()), requests: 10_000 });
    const res = await api("GET", "/api/v1/me", { key: secret });
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ code: "quota_exceeded", details: { plan: "free", limit: 10_000 } });
    expect(res.body.error!.message).toMatch(/Free plan this month\. To keep going, an owner of the workspace can upgrade it to the Pro plan/);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("invalid keys are rate-limited per IP", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await api("GET", "/api/v1/me", { key: generateApiKey("live"), ip: "192.0.2.77" })).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    // Another address is unaffected.
    expect((await api("GET", "/api/v1/me", { key: generateApiKey("live"), ip: "192.0.2.78" })).status).toBe(401);
  });
});

describe("metering", () => {
  it("requests land in the request log, counters and last_used_at in one batch, not per request", async () => {
    const w = await makeApiWorld();
    const { secret, key } = await issueKey(w.admin, w.workspace, "admin", { scopes: ["posts:read"] });
    await api("GET", "/api/v1/me", { key: secret });
    await api("GET", "/api/v1/usage", { key: secret });
    const before = await db.select().from(apiRequestLog).where(eq(apiRequestLog.apiKeyId, key.id));
    expect(before).toHaveLength(0);
    await usageRecorder().flush();
    const rows = await db.select().from(apiRequestLog).where(eq(apiRequestLog.apiKeyId, key.id)).orderBy(apiRequestLog.createdAt);
    expect(rows.map((r) => [r.method, r.path, r.status, r.ip])).toEqual(
      expect.arrayContaining([
        ["GET", "/api/v1/me", 200, "203.0.113.10"],
        ["GET", "/api/v1/usage", 403, "203.0.113.10"],
      ]),
    );
    const [stored] = await db.select({ lastUsedAt: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(stored!.lastUsedAt).toBeInstanceOf(Date);
    const [period] = await db.select({ n: sql<number>`requests::int` }).from(apiUsagePeriods).where(eq(apiUsagePeriods.workspaceId, w.workspace.id));
    // Only the served request is billable; the 403 is logged but not metered.
    expect(period!.n).toBe(1);
  });
});

describe("malformed requests", () => {
  it("bad query parameters are 400 with the field named; unknown paths are 404 in the envelope", async () => {
    const w = await makeApiWorld();
    const { secret } = await issueKey(w.admin, w.workspace, "admin");
    const res = await api("GET", "/api/v1/usage?days=abc", { key: secret });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_parameter", details: { fields: { days: [expect.any(String)] } } });
    const missing = await api("GET", "/api/v1/nope", { key: secret });
    expect(missing.status).toBe(404);
    expect(missing.body.error!.code).toBe("route_not_found");
  });
});

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 1000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
