/**
 * The /api/v1 request path, measured:
 *   1. in-process verification of a cached key (parse + checksum + HMAC + cache hit + checks):
 *      operations per second and latency percentiles;
 *   2. `GET /v1/me` and a post list through the full path (key, rate limit, quota, metering,
 *      the read) on `next start`, side by side with a bare `node:http` server returning the same
 *      JSON, with autocannon at 64 connections: throughput ratio and p99.
 *   3. the same routes on `npm run start:api` (the same handlers on bare node:http, same database).
 * Goal printed against: full path ≥ 50% of the bare server's throughput, p99 < 10 ms.
 * Prints figures only, never asserts (machines differ too much).
 *
 *   npm run bench:api [-- --duration 10 --connections 64]
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { hermeticEnv } from "../src/lib/env-keys";
import { findFreePort } from "../tools/embedded-postgres";
import { ensureBuild, gitCommit, startProdServer } from "./lib/server";

const { values: args } = parseArgs({ options: { duration: { type: "string", default: "10" }, connections: { type: "string", default: "64" }, n: { type: "string", default: "200000" } } });
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const N = Number(args.n);
const PEPPER = "bench-api-key-pepper-bench-api-key-pepper-0000";

ensureBuild();
const server = await startProdServer({ API_KEY_PEPPER: PEPPER, DATABASE_POOL_MAX: "20" });
// This process talks to the server's database with the server's pepper, to arrange data and
// to run the verification in-process exactly as a route handler would.
Object.assign(process.env, hermeticEnv({ DATABASE_URL: server.databaseUrl, API_KEY_PEPPER: PEPPER, LOG_LEVEL: "silent", NODE_ENV: "production" }));
const { db, sql } = await import("../src/server/db/client");
const { createUser, createWorkspaceWithMembers, createFeedbackBoard, createFeedbackPost } = await import("../src/server/db/factories");
const { createRandom } = await import("../src/lib/random");
const { workspaces } = await import("../src/server/db/schema");
const { eq } = await import("drizzle-orm");
const { createApiKey } = await import("../src/features/api-keys/server/create-api-key");
const { verifyApiKey } = await import("../src/features/api-keys/server/verify/verify-api-key");
const { apiKeyCache } = await import("../src/features/api-keys/server/verify/key-cache");

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

let bare: http.Server | null = null;
let standalone: ChildProcess | null = null;

/** `npm run start:api` on a free port against the bench's database; resolves once /healthz answers. */
async function startStandaloneApi(): Promise<string> {
  const port = await findFreePort();
  standalone = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/api-server.ts"], {
    env: hermeticEnv({ DATABASE_URL: server.databaseUrl, DATABASE_POOL_MAX: "20", API_KEY_PEPPER: PEPPER, API_PORT: String(port), API_HOST: "127.0.0.1", LOG_LEVEL: "warn", NODE_ENV: "production", APP_SECRET: "bench-secret-bench-secret-bench-secret-0000" }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    if (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) return origin;
  }
  throw new Error("npm run start:api did not answer /healthz within 30 s");
}
try {
  console.log(`api bench · commit ${gitCommit()} · node ${process.version} · ${os.cpus().length} CPU(s) · ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} load`);
  const random = createRandom(6);
  const owner = await createUser(db, random);
  const workspace = await createWorkspaceWithMembers(db, random, { owner, name: "Bench Co" });
  // Pro: the free quota (10,000 a month) would end the run in seconds.
  await db.update(workspaces).set({ plan: "pro" }).where(eq(workspaces.id, workspace.id));
  const board = await createFeedbackBoard(db, random, { workspaceId: workspace.id, name: "Bench board" });
  for (let i = 0; i < 50; i++) await createFeedbackPost(db, random, { board, authorId: owner.id });
  const actor = { userId: owner.id, displayName: owner.displayName, impersonatorId: null, ip: null, workspace: { ...workspace, role: "owner" as const } };
  const issue = async (name: string) =>
    (await createApiKey({ name, environment: "live", scopes: ["boards:read", "posts:read", "usage:read"], rateLimitPerMinute: 100_000, expiresAt: null }, actor, db)).secret;

  // 1. In-process verification of a cached key.
  const key = await issue("in-process");
  const cache = apiKeyCache();
  await cache.listener.ready();
  for (let i = 0; i < 1000; i++) await verifyApiKey(key, db);
  const samples = new Float64Array(N);
  const started = performance.now();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const result = await verifyApiKey(key, db);
    samples[i] = performance.now() - t;
    if (!result.ok || !result.cached) throw new Error("the key should verify from the cache");
  }
  const elapsed = (performance.now() - started) / 1000;
  const sorted = Array.from(samples).sort((a, b) => a - b);
  console.log(`\n1. verify a cached key in-process (${N.toLocaleString("en-US")} calls)`);
  console.log(`   ${Math.round(N / elapsed).toLocaleString("en-US")} ops/s   p50 ${(percentile(sorted, 50) * 1000).toFixed(1)} µs   p99 ${(percentile(sorted, 99) * 1000).toFixed(1)} µs   p99.9 ${(percentile(sorted, 99.9) * 1000).toFixed(1)} µs`);
  await cache.listener.stop();

  // 2. Full path on `next start` against a bare node:http server returning the same bytes.
  const routes = { "GET /v1/me": "/api/v1/me", "GET /v1/boards/{id}/posts": `/api/v1/boards/${board.id}/posts?limit=20` };
  const bodies: Record<string, string> = {};
  const headerKey = await issue("warm-up");
  for (const [name, path] of Object.entries(routes)) {
    const res = await fetch(`${server.origin}${path}`, { headers: { authorization: `Bearer ${headerKey}` } });
    if (res.status !== 200) throw new Error(`${name}: expected 200, got ${res.status} ${await res.text()}`);
    bodies[path] = await res.text();
  }
  const port = await findFreePort();
  bare = http.createServer((req, res) => {
    const body = bodies[req.url ?? ""] ?? "{}";
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => bare!.listen(port, "127.0.0.1", resolve));
  const bareOrigin = `http://127.0.0.1:${port}`;

  const run = (url: string, headers: Record<string, string>) =>
    autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers, pipelining: 1 }) as unknown as Promise<autocannon.Result>;

  console.log(`\n2. full path on next start vs bare node:http, same JSON, ${CONNECTIONS} connections, ${DURATION} s each (after a ${Math.min(3, DURATION)} s warm-up)`);
  console.log(`   ${"route".padEnd(28)} ${"target".padEnd(6)} ${"req/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"non-2xx".padStart(8)}`);
  // What Next itself costs here: the API's 404 (request context, envelope; no key, no database).
  await autocannon({ url: `${server.origin}/api/v1/not-a-route`, connections: CONNECTIONS, duration: Math.min(3, DURATION) });
  const floor = await run(`${server.origin}/api/v1/not-a-route`, {});
  console.log(`   ${"next floor (v1 404, no db)".padEnd(28)} ${"next".padEnd(6)} ${Math.round(floor.requests.average).toString().padStart(8)} ${floor.latency.p50.toFixed(1).padStart(7)} ${floor.latency.p99.toFixed(1).padStart(7)} ${"(404s)".padStart(8)}`);
  for (const [name, path] of Object.entries(routes)) {
    const fullKey = await issue(`bench ${name}`);
    const headers = { authorization: `Bearer ${fullKey}` };
    await autocannon({ url: `${server.origin}${path}`, connections: CONNECTIONS, duration: Math.min(3, DURATION), headers });
    const results: Record<string, autocannon.Result> = {};
    // Alternate so both see the same machine conditions.
    results.bare = await run(`${bareOrigin}${path}`, headers);
    results.full = await run(`${server.origin}${path}`, headers);
    for (const target of ["bare", "full"] as const) {
      const r = results[target]!;
      console.log(`   ${name.padEnd(28)} ${target.padEnd(6)} ${Math.round(r.requests.average).toString().padStart(8)} ${r.latency.p50.toFixed(1).padStart(7)} ${r.latency.p99.toFixed(1).padStart(7)} ${String(r.non2xx).padStart(8)}`);
    }
    const ratio = results.full!.requests.average / results.bare!.requests.average;
    const p99 = results.full!.latency.p99;
    console.log(`   → full path at ${(ratio * 100).toFixed(1)}% of bare throughput (goal ≥ 50%: ${ratio >= 0.5 ? "met" : "NOT met"}); full-path p99 ${p99.toFixed(1)} ms (goal < 10 ms: ${p99 < 10 ? "met" : "NOT met"}); ${((results.full!.requests.average / floor.requests.average) * 100).toFixed(0)}% of the Next floor`);
  }

  // 3. The same handlers without Next: `npm run start:api`.
  const apiOrigin = await startStandaloneApi();
  console.log(`\n3. the same routes on npm run start:api (bare node:http, same handlers and database), ${CONNECTIONS} connections, ${DURATION} s each`);
  for (const [name, path] of Object.entries(routes)) {
    const headers = { authorization: `Bearer ${await issue(`bench standalone ${name}`)}` };
    await autocannon({ url: `${apiOrigin}${path}`, connections: CONNECTIONS, duration: Math.min(3, DURATION), headers });
    const bareRun = await run(`${bareOrigin}${path}`, headers);
    const api = await run(`${apiOrigin}${path}`, headers);
    for (const [target, r] of [["bare", bareRun], ["start:api", api]] as const) {
      console.log(`   ${name.padEnd(28)} ${target.padEnd(9)} ${Math.round(r.requests.average).toString().padStart(8)} ${r.latency.p50.toFixed(1).padStart(7)} ${r.latency.p99.toFixed(1).padStart(7)} ${String(r.non2xx).padStart(8)}`);
    }
    const ratio = api.requests.average / bareRun.requests.average;
    console.log(`   → start:api at ${(ratio * 100).toFixed(1)}% of bare throughput (goal ≥ 50%: ${ratio >= 0.5 ? "met" : "NOT met"}); p99 ${api.latency.p99.toFixed(1)} ms (goal < 10 ms: ${api.latency.p99 < 10 ? "met" : "NOT met"})`);
  }
  // 4. A single busy key must scale like many quiet ones (no per-key row lock, decision 040).
  {
    const path = routes["GET /v1/me"];
    const many = await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => issue(`bench quiet ${i}`)));
    const one = await issue("bench busy");
    await autocannon({ url: `${apiOrigin}${path}`, connections: CONNECTIONS, duration: Math.min(3, DURATION), headers: { authorization: `Bearer ${one}` } });
    let next = 0;
    const spread = (await autocannon({
      url: `${apiOrigin}${path}`,
      connections: CONNECTIONS,
      duration: DURATION,
      requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${many[next++ % many.length]}` } }) }],
    } as autocannon.Options)) as unknown as autocannon.Result;
    const busy = await run(`${apiOrigin}${path}`, { authorization: `Bearer ${one}` });
    console.log(`\n4. start:api GET /v1/me: one key on ${CONNECTIONS} connections vs ${CONNECTIONS} keys round-robin, ${DURATION} s each`);
    for (const [target, r] of [["one busy key", busy], [`${CONNECTIONS} quiet keys`, spread]] as const) {
      console.log(`   ${target.padEnd(28)} ${Math.round(r.requests.average).toString().padStart(8)} req/s  p50 ${r.latency.p50.toFixed(1)} ms  p99 ${r.latency.p99.toFixed(1)} ms  non-2xx ${r.non2xx}`);
    }
    console.log(`   → the busy key at ${((busy.requests.average / spread.requests.average) * 100).toFixed(0)}% of the quiet keys' throughput`);
  }
  console.log("\nThe load generator, the servers and Postgres share this machine's CPUs; figures from a shared machine are noisy.");
} finally {
  (standalone as ChildProcess | null)?.kill("SIGTERM");
  await new Promise((resolve) => (bare ? bare.close(resolve) : resolve(null)));
  await sql.end({ timeout: 1 }).catch(() => {});
  await server.stop();
}
