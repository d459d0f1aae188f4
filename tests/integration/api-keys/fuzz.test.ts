/**
 * 10,000 seeded random requests against every /api/v1 endpoint (and paths that don't exist),
 * through the real route handlers: random methods, paths, parameters, keys, headers and bodies.
 * None may produce a 5xx, and every error must be the envelope with a request id.
 */
import { eq } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { API_ENDPOINTS } from "@/server/rest/api";
import { revokeApiKey } from "@/features/api-keys/server/revoke-api-key";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { generateApiKey } from "@/lib/api-key-format";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { workspaces } from "@/server/db/schema";
import { actorFor, api, issueKey, makeApiWorld } from "../../support/api";
import { fuzzTargets } from "../../support/fuzz-targets";
import { encodeHostile, HOSTILE_NUMBERS, HOSTILE_STRINGS, hostileVariant } from "../../support/hostile-input";

afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

const REQUESTS = 10_000;
const CONCURRENCY = 8;
const random = createRandom(20261201);
const pick = <T>(items: readonly T[]): T => random.pick(items);
const chance = (p: number) => random.next() < p;

const NASTY = [...HOSTILE_STRINGS, "1e309", "null", "undefined", "NaN", "%00", "%E2%80%AE", "../../etc/passwd", "' or 1=1 --", "<script>", "🦄", "a".repeat(5000), "00000000-0000-0000-0000-000000000000", "019b8b30-cdb7-7430-95b5-a8e1f38bb465"];

function randomJson(depth = 0): unknown {
  const kind = random.int(0, depth > 2 ? 4 : 7);
  switch (kind) {
    case 0: return null;
    case 1: return chance(0.2) ? pick(HOSTILE_NUMBERS) : random.int(-1e6, 1e6) * (chance(0.1) ? 1e300 : 1);
    case 2: return pick(NASTY);
    case 3: return chance(0.5);
    case 4: return random.next();
    case 5: return Array.from({ length: random.int(0, 4) }, () => randomJson(depth + 1));
    default: {
      const keys = ["title", "body", "tags", "voted", "parentId", "name", "limit", "cursor", "__proto__", "constructor", pick(NASTY).slice(0, 20)];
      return Object.fromEntries(Array.from({ length: random.int(0, 5) }, () => [pick(keys), randomJson(depth + 1)]));
    }
  }
}

it("10,000 random requests: no 5xx, every error in the envelope", { timeout: 300_000 }, async () => {
  const w = await makeApiWorld();
  await db.update(workspaces).set({ plan: "pro" }).where(eq(workspaces.id, w.workspace.id));
  const full = await issueKey(w.admin, w.workspace, "admin", { rateLimitPerMinute: 100_000 });
  const narrow = await issueKey(w.admin, w.workspace, "admin", { scopes: ["posts:read"], rateLimitPerMinute: 100_000 });
  const other = await issueKey(w.outsider, w.elsewhere, "owner", { rateLimitPerMinute: 100_000 });
  const revoked = await issueKey(w.admin, w.workspace, "admin");
  await revokeApiKey({ keyId: revoked.key.id }, actorFor(w.admin, w.workspace, "admin"), db);
  const targets = await fuzzTargets(w);
  expect(targets.map((t) => `${t.method} ${t.path}`).sort()).toEqual(API_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());

  const keys = [full.secret, full.secret, full.secret, narrow.secret, other.secret, revoked.secret, generateApiKey("live"), "gw_live_" + "A".repeat(36), pick(NASTY.filter((v) => /^[\x20-\xff]*$/.test(v)))]; // a header carries bytes only
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  const servedByTarget = new Map<string, number>();
  let sent = 0;

  async function one() {
    const target = pick(targets);
    const method = chance(0.85) ? target.method : pick(["GET", "POST", "PUT", "PATCH", "DELETE"] as const);
    const roll = random.next();
    let path = target.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      roll < 0.65 ? target.validParams[name]! : roll < 0.75 ? target.foreignParams[name]! : encodeHostile(pick(NASTY).slice(0, 200)),
    );
    if (chance(0.05)) path = `/v1/${encodeHostile(pick(NASTY).slice(0, 50))}`;
    const query = new URLSearchParams();
    for (let i = random.int(0, 3); i > 0; i--) query.set(pick(target.queryNames.length > 0 && chance(0.9) ? target.queryNames : ["limit", "cursor", "x"]), chance(0.5) ? String(random.int(-5, 200)) : pick(NASTY).slice(0, 300));
    const headers: Record<string, string> = {};
    const authKind = random.int(0, 9);
    if (authKind < 7) headers.authorization = `Bearer ${pick(keys)}`;
    else if (authKind === 7) headers.authorization = pick(["Bearer", "Basic abc", `bearer  ${full.secret}  `, `Bearer ${full.secret} extra`, "Bearer \u00e9"]);
    if (chance(0.3)) headers["idempotency-key"] = chance(0.8) ? `fuzz-${random.int(0, 50)}` : pick(NASTY).replace(/[^\x20-\x7e]/g, "").slice(0, 300) || "x".repeat(300);
    let rawBody: string | undefined;
    if (method !== "GET" && method !== "DELETE" && chance(0.9)) {
      const kind = random.next();
      rawBody =
        kind < 0.6 ? JSON.stringify(chance(0.5) ? target.validBody ?? randomJson() : randomJson())
        : kind < 0.7 ? hostileVariant(target.validBody ?? {}, random)
        : kind < 0.8 ? "{not json"
        : kind < 0.85 ? "x".repeat(70_000)
        : "\u0000\u00ff";
      headers["content-type"] = chance(0.9) ? "application/json" : pick(["text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16"]);
    }
    const qs = query.toString();
    const res = await api(method, `/api${path}${qs ? `?${qs}` : ""}`, { rawBody, headers, ip: `10.0.${random.int(0, 3)}.${random.int(1, 250)}` });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status < 300 && method === target.method) servedByTarget.set(`${target.method} ${target.path}`, (servedByTarget.get(`${target.method} ${target.path}`) ?? 0) + 1);
    if (res.status >= 500) failures.push(`${method} ${path}?${qs} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    else if (res.status >= 400) {
      const error = res.body.error;
      if (!error || typeof error.code !== "string" || typeof error.message !== "string" || typeof error.requestId !== "string" || !("details" in error)) {
        failures.push(`${method} ${path} → ${res.status} without the envelope: ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
  }

  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < REQUESTS) {
        sent++;
        await one();
      }
    }),
  );
  expect(failures.slice(0, 10)).toEqual([]);
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
  // The run reached past authentication into every endpoint, not just the front door.
  // (Unknown query parameters are refused since issue 14, so fewer random requests get a 200.)
  expect(statuses.get(200) ?? 0).toBeGreaterThan(400);
  expect([...servedByTarget.keys()].sort()).toEqual(targets.map((t) => `${t.method} ${t.path}`).sort());
  expect([...statuses.keys()].some((s) => s === 400 || s === 422)).toBe(true);
});
