/**
 * The /api/v1 request path, measured against issue 14's targets. It starts its own Postgres
 * with durable settings (fsync and synchronous_commit on, read back and printed), its own
 * baselines — a bare `node:http` server and a minimal Next app (bench/lib/minimal-next.ts),
 * each returning the same JSON — and:
 *   1. in-process verification of a cached key (parse + checksum + HMAC + cache hit + checks):
 *      operations per second and latency percentiles;
 *   2. `GET /v1/me` and a post list through the full path (key, rate limit, quota, metering,
 *      the read) on `next start`, against the minimal Next app (goal ≥ 70%);
 *   3. the same routes on `npm run start:api` against bare node:http in its own process (goals ≥ 50% for /v1/me,
 *      ≥ 20% for the post list; p99 < 10 ms);
 *   4. one key on 64 connections against 64 keys with one connection each.
 * autocannon, 64 connections. Sections 2 and 3 run each pair `--rounds` times (default 3), the
 * order alternating (baseline first, then the app first) so a drift in the host's speed — seen
 * here moving a bare server's cost by half within minutes — does not favour either side; every
 * round's ratio is printed and the goal is judged on their median.
 * Prints figures only, never asserts (machines differ too much).
 * `DATABASE_PREPARE=1` (named prepared statements, right for a direct connection, decision
 * 033) unless `--no-prepare`.
 *
 *   npm run bench:api [-- --duration 10 --rounds 3 --connections 64 --no-prepare]
 */
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { hermeticEnv } from "../src/lib/env-keys";
import { arrangeApiBench, BENCH_API_PEPPER } from "./lib/api-fixture";
import { startApiProcess, type ApiProcess } from "./lib/api-process";
import { startBareServer } from "./lib/bare-server";
import { startDurablePostgres } from "./lib/durable-postgres";
import { startMinimalNext } from "./lib/minimal-next";
import { ensureBuild, gitCommit, startProdServer } from "./lib/server";

const { values: args } = parseArgs({ options: { duration: { type: "string", default: "10" }, connections: { type: "string", default: "64" }, n: { type: "string", default: "200000" }, rounds: { type: "string", default: "3" }, "no-prepare": { type: "boolean", default: false } } });
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const N = Number(args.n);
const ROUNDS = Math.max(1, Number(args.rounds));
const PEPPER = BENCH_API_PEPPER;

const PREPARE = args["no-prepare"] ? "" : "1";
ensureBuild();
const pg = await startDurablePostgres();
// The servers log at info, as in production: the access log is part of the request path.
const server = await startProdServer({ DATABASE_URL: pg.url, DATABASE_PREPARE: PREPARE, API_KEY_PEPPER: PEPPER, DATABASE_POOL_MAX: "20", LOG_LEVEL: "info" });
// This process talks to the server's database with the server's pepper, to arrange data and
// to run the verification in-process exactly as a route handler would.
Object.assign(process.env, hermeticEnv({ DATABASE_URL: pg.url, DATABASE_PREPARE: PREPARE, API_KEY_PEPPER: PEPPER, LOG_LEVEL: "silent", NODE_ENV: "production" }));
const { db, sql, issue, routes } = await arrangeApiBench();
const { verifyApiKey } = await import("../src/features/api-keys/server/verify/verify-api-key");
const { apiKeyCache } = await import("../src/features/api-keys/server/verify/key-cache");

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * `ROUNDS` runs of a baseline and a subject, alternating which goes first; prints each run and
 * its round's ratio, and returns the median ratio and the subject's median p99.
 */
async function pairedRounds(label: string, names: [string, string], baseline: (round: number) => Promise<autocannon.Result>, subject: (round: number) => Promise<autocannon.Result>) {
  const ratios: number[] = [];
  const p99s: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const [first, second] = round % 2 === 0 ? [baseline, subject] : [subject, baseline];
    const a = await first(round);
    const b = await second(round);
    const [base, sub] = round % 2 === 0 ? [a, b] : [b, a];
    ratios.push(sub.requests.average / base.requests.average);
    p99s.push(sub.latency.p99);
    for (const [target, r] of [[names[0], base], [names[1], sub]] as const) {
      console.log(`   ${label.padEnd(28)} ${target.padEnd(9)} ${Math.round(r.requests.average).toString().padStart(8)} ${r.latency.p50.toFixed(1).padStart(7)} ${r.latency.p99.toFixed(1).padStart(7)} ${String(r.non2xx).padStart(8)}   round ${round + 1}${target === names[1] ? `: ${((sub.requests.average / base.requests.average) * 100).toFixed(1)}%` : ""}`);
    }
  }
  return { ratio: median(ratios), spread: `${(Math.min(...ratios) * 100).toFixed(1)}–${(Math.max(...ratios) * 100).toFixed(1)}%`, p99: median(p99s) };
}

let bare: Awaited<ReturnType<typeof startBareServer>> | null = null;
let standalone: ApiProcess | null = null;
let minimal: Awaited<ReturnType<typeof startMinimalNext>> | null = null;

try {
  console.log(`api bench · commit ${gitCommit()} · node ${process.version} · ${os.cpus().length} CPU(s) · ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} load`);
  console.log(`Postgres: ${pg.settings} · DATABASE_PREPARE=${PREPARE || "off"} · pool 20 · LOG_LEVEL=info`);

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

  // 2. Full path on `next start` against a minimal Next app returning the same bytes.
  const bodies: Record<string, string> = {};
  const headerKey = await issue("warm-up");
  for (const [name, path] of Object.entries(routes)) {
    const res = await fetch(`${server.origin}${path}`, { headers: { authorization: `Bearer ${headerKey}` } });
    if (res.status !== 200) throw new Error(`${name}: expected 200, got ${res.status} ${await res.text()}`);
    bodies[path] = await res.text();
  }
  bare = await startBareServer(bodies);
  const bareOrigin = bare.origin;

  const run = (url: string, headers: Record<string, string>) =>
    autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers, pipelining: 1 }) as unknown as Promise<autocannon.Result>;

  minimal = await startMinimalNext(bodies);
  const minimalOrigin = minimal.origin;
  console.log(`\n2. the Next route (next start, the app) vs a minimal Next ${minimal.version} route handler, same JSON, ${CONNECTIONS} connections, ${DURATION} s each, ${ROUNDS} round(s)`);
  console.log(`   ${"route".padEnd(28)} ${"target".padEnd(9)} ${"req/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"non-2xx".padStart(8)}`);
  for (const [name, path] of Object.entries(routes)) {
    // A key per round: the Next route's rounds of one route together stay far below a key's 100,000 a minute.
    const keys = await Promise.all(Array.from({ length: ROUNDS }, (_, i) => issue(`bench ${name} ${i}`)));
    const headersOf = (round: number) => ({ authorization: `Bearer ${keys[round]}` });
    // Warmed by a count, not a time: on a busy machine a few seconds may not get the JIT going.
    await autocannon({ url: `${server.origin}${path}`, connections: CONNECTIONS, amount: 5_000, headers: headersOf(0) });
    await autocannon({ url: `${minimalOrigin}${path}`, connections: CONNECTIONS, amount: 5_000, headers: headersOf(0) });
    const { ratio, spread, p99 } = await pairedRounds(name, ["minimal", "app"], (r) => run(`${minimalOrigin}${path}`, headersOf(r)), (r) => run(`${server.origin}${path}`, headersOf(r)));
    console.log(`   → the Next route at ${(ratio * 100).toFixed(1)}% of the minimal Next route handler, median of ${ROUNDS} (rounds ${spread}; goal ≥ 70%: ${ratio >= 0.7 ? "met" : "NOT met"}); p99 ${p99.toFixed(1)} ms`);
  }
  await minimal.stop();
  minimal = null;

  // 3. The same handlers without Next: `npm run start:api`.
  standalone = await startApiProcess({ databaseUrl: pg.url, prepare: PREPARE === "1" });
  const apiOrigin = standalone.origin;
  console.log(`\n3. the same routes on npm run start:api (same handlers and database) vs bare node:http in its own process, ${CONNECTIONS} connections, ${DURATION} s each, ${ROUNDS} round(s)`);
  for (const [name, path] of Object.entries(routes)) {
    // A key for the warm-up and one per round: at start:api's rate two runs could pass one key's 100,000 a minute.
    const keys = await Promise.all(Array.from({ length: ROUNDS }, (_, i) => issue(`bench standalone ${name} ${i}`)));
    const headersOf = (round: number) => ({ authorization: `Bearer ${keys[round]}` });
    await autocannon({ url: `${apiOrigin}${path}`, connections: CONNECTIONS, amount: 20_000, headers: { authorization: `Bearer ${await issue(`bench standalone warm-up ${name}`)}` } });
    const { ratio, spread, p99 } = await pairedRounds(name, ["bare", "start:api"], (r) => run(`${bareOrigin}${path}`, headersOf(r)), (r) => run(`${apiOrigin}${path}`, headersOf(r)));
    const goal = name === "GET /v1/me" ? 0.5 : 0.2;
    console.log(`   → start:api at ${(ratio * 100).toFixed(1)}% of bare throughput, median of ${ROUNDS} (rounds ${spread}; goal ≥ ${goal * 100}%: ${ratio >= goal ? "met" : "NOT met"}); p99 ${p99.toFixed(1)} ms (goal < 10 ms: ${p99 < 10 ? "met" : "NOT met"})`);
  }
  // 4. A single busy key must scale like many quiet ones (no per-key row lock, decision 040).
  {
    const path = routes["GET /v1/me"];
    const many = await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => issue(`bench quiet ${i}`)));
    const one = await issue("bench busy");
    await autocannon({ url: `${apiOrigin}${path}`, connections: CONNECTIONS, duration: Math.min(3, DURATION), headers: { authorization: `Bearer ${await issue("bench busy warm-up")}` } });
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
  await (standalone as ApiProcess | null)?.stop();
  await minimal?.stop();
  await bare?.stop();
  await sql.end({ timeout: 1 }).catch(() => {});
  await server.stop();
  await pg.stop();
}
