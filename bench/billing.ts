/**
 * Billing's hot paths, measured in-process against a real (embedded, ephemeral) Postgres:
 *   1. webhook ingest — the real route handler (raw body → constructEvent → ledger insert →
 *      hand-off → 200) driven at a fixed arrival rate (default 200 events/s for 15 s), with
 *      latency percentiles per request; beside it, in the same run, the floor of its two parts
 *      (signature verification alone, and one `insert … on conflict do nothing` round trip).
 *   2. the entitlement check per request: queries counted for a cached-key REST request
 *      (`GET /v1/me`) on Free and on Pro — the plan comes from the key cache (NOTIFY-invalidated
 *      when billing changes it), so the count must stay at the one query it was before billing.
 * Prints figures against the goal (p99 < 50 ms at 200/s; no extra query), never asserts.
 *
 *   npm run bench:billing [-- --rate 200 --seconds 15]
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { hermeticEnv } from "../src/lib/env-keys";
import { STRIPE_DEV_WEBHOOK_SECRET } from "../src/lib/stripe-dev-keys";
import { findFreePort, startEmbeddedPostgres } from "../tools/embedded-postgres";
import { migrateDatabase } from "../src/server/db/migrate";

const { values: args } = parseArgs({ options: { rate: { type: "string", default: "200" }, seconds: { type: "string", default: "15" } } });
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);

const cluster = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `groundwork-bench-billing-${process.pid}`), database: "postgres", ephemeral: true, fast: true });
await migrateDatabase(cluster.url);
Object.assign(
  process.env,
  hermeticEnv({ DATABASE_URL: cluster.url, LOG_LEVEL: "silent", NODE_ENV: "production", APP_SECRET: "bench-secret-bench-secret-bench-secret-0000", API_KEY_PEPPER: "bench-billing-pepper-bench-billing-pepper-000", STRIPE_DEV_URL: `http://127.0.0.1:${await findFreePort()}` }),
);
const { POST } = await import("../src/app/api/webhooks/stripe/route");
const { db, sql } = await import("../src/server/db/client");
const { stripeClient } = await import("../src/server/stripe/client");
const stripe = stripeClient();

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
let n = 0;
function signedEvent() {
  const payload = JSON.stringify({ id: `evt_bench_${process.pid}_${++n}`, object: "event", api_version: "2026-10-28.endive", created: Math.floor(Date.now() / 1000), type: "charge.succeeded", livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object: { id: `ch_${n}`, object: "charge", customer: "cus_bench", amount: 2900 } } });
  return { payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_DEV_WEBHOOK_SECRET }) };
}

// ── 1. webhook ingest at a fixed arrival rate ─────────────────────────────────────────────
async function ingestAtRate(rate: number, seconds: number) {
  const total = rate * seconds;
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { payload, signature } = signedEvent();
    const t0 = performance.now();
    inflight.push(
      POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers: { "stripe-signature": signature, "content-type": "application/json" }, body: payload }), {}).then((res) => {
        latencies.push(performance.now() - t0);
        if (res.status !== 200) failures++;
      }),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  return { latencies: latencies.sort((a, b) => a - b), failures, achieved: total / elapsed };
}

async function floor(count: number) {
  const verify: number[] = [];
  const insert: number[] = [];
  for (let i = 0; i < count; i++) {
    const { payload, signature } = signedEvent();
    let t0 = performance.now();
    stripe.webhooks.constructEvent(payload, signature, STRIPE_DEV_WEBHOOK_SECRET);
    verify.push(performance.now() - t0);
    t0 = performance.now();
    await sql`insert into billing_webhook_events (id, type, event_created_at, payload) values (${`evt_floor_${i}_${process.pid}`}, 'x', now(), '{}'::jsonb) on conflict do nothing`;
    insert.push(performance.now() - t0);
  }
  return { verify: verify.sort((a, b) => a - b), insert: insert.sort((a, b) => a - b) };
}

await ingestAtRate(50, 2); // warm-up: JIT, pool connections
const base = await floor(500);
const run = await ingestAtRate(RATE, SECONDS);
console.log(`\nbench:billing — ${new Date().toISOString()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, ${os.cpus().length} CPUs`);
console.log(`\n1. Webhook ingest, ${RATE} events/s for ${SECONDS} s (${run.latencies.length} events, ${run.failures} non-200), achieved ${run.achieved.toFixed(0)}/s`);
console.log(`   route handler   p50 ${fmt(pct(run.latencies, 50))}  p95 ${fmt(pct(run.latencies, 95))}  p99 ${fmt(pct(run.latencies, 99))}  max ${fmt(run.latencies.at(-1)!)}   goal: p99 < 50 ms → ${pct(run.latencies, 99) < 50 ? "met" : "NOT met"}`);
console.log(`   floor: verify   p50 ${fmt(pct(base.verify, 50))}  p99 ${fmt(pct(base.verify, 99))};  one insert round trip p50 ${fmt(pct(base.insert, 50))}  p99 ${fmt(pct(base.insert, 99))}`);

// ── 2. queries per request for the entitlement check ──────────────────────────────────────
const { createUser, createWorkspaceWithMembers } = await import("../src/server/db/factories");
const { createRandom } = await import("../src/lib/random");
const { createApiKey } = await import("../src/features/api-keys/server/create-api-key");
const { apiKeyCache } = await import("../src/features/api-keys/server/verify/key-cache");
const { usageRecorder } = await import("../src/features/api-keys/server/verify/usage-recorder");
const { handleApiRequest: me } = await import("../src/server/rest/api");
await apiKeyCache().listener.ready();

/** The route handler's own count, from its Server-Timing header (`db;…;desc="N queries"`). */
async function queriesFor(fn: () => Promise<Response>) {
  const timing = (await fn()).headers.get("server-timing") ?? "";
  return Number(/desc="(\d+) quer/.exec(timing)?.[1] ?? NaN);
}
const random = createRandom(42);
const rows: string[] = [];
for (const plan of ["free", "pro"] as const) {
  const owner = await createUser(db, random);
  const ws = await createWorkspaceWithMembers(db, random, { owner, plan });
  const { secret } = await createApiKey({ name: "bench", environment: "live", scopes: ["usage:read"], expiresAt: null, rateLimitPerMinute: null }, { userId: owner.id, displayName: owner.displayName, impersonatorId: null, ip: null, workspace: { ...ws, role: "owner" } }, db);
  const call = () => me(new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${secret}` } }), {});
  await call(); // cold: fills the key cache and the quota's period count
  const cached = await queriesFor(call);
  rows.push(`   GET /v1/me, cached key, ${plan.padEnd(4)}: ${cached} ${cached === 1 ? "query" : "queries"} (the per-key rate limit); plan, overage rule and quota from the cache — goal: no extra query → ${cached <= 1 ? "met" : "NOT met"}`);
}
console.log(`\n2. Entitlement check per request (queries counted in the request context)`);
for (const r of rows) console.log(r);
console.log(`   creating a member/invite or a board: +1 query (plan, seats and the count in one locked select)`);

usageRecorder().stop();
await apiKeyCache().listener.stop();
await sql.end({ timeout: 5 });
await cluster.stop();
