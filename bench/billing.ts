/**
 * Billing's hot paths, measured in-process against a real (embedded, ephemeral) Postgres:
 *   1. webhook ingest — the real route handler (raw body → constructEvent → ledger insert →
 *      hand-off → 200) driven at a fixed arrival rate (default 200 events/s for 20 s), with
 *      latency percentiles per request. Events are a lifecycle's mix of types (subscription,
 *      invoice, payment) and every 10th is a redelivery of an earlier one, re-signed, as Stripe
 *      retries do. The hand-off (after the response) is the production one by default: an
 *      Inngest event sent to the local Inngest dev server running in its own process
 *      (`--handoff inline`: no Inngest, the event is processed in this process, as a server
 *      without Inngest does).
 *      Beside it, in the same run, the floor of its parts (signature verification alone, and one
 *      `insert … on conflict do nothing` round trip).
 *   2. the entitlement check per request: queries counted for a cached-key REST request
 *      (`GET /v1/me`) on Free and on Pro — the plan comes from the key cache (NOTIFY-invalidated
 *      when billing changes it), so the count must stay at the one query it was before billing —
 *      and for the limit check a board creation makes (`enforceLimit`: one locked select).
 * Prints figures against the goal (p99 < 50 ms at 200/s; no extra query), never asserts.
 *
 *   npm run bench:billing [-- --rate 200 --seconds 20 --handoff inngest|inline]
 */
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { hermeticEnv } from "../src/lib/env-keys";
import { STRIPE_DEV_WEBHOOK_SECRET } from "../src/lib/stripe-dev-keys";
import { findFreePort, startEmbeddedPostgres } from "../tools/embedded-postgres";
import { migrateDatabase } from "../src/server/db/migrate";

const { values: args } = parseArgs({ options: { rate: { type: "string", default: "200" }, seconds: { type: "string", default: "20" }, handoff: { type: "string", default: "inngest" } } });
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const HANDOFF = args.handoff === "inline" ? "inline" : "inngest";

const cluster = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `groundwork-bench-billing-${process.pid}`), database: "postgres", ephemeral: true, fast: true });
await migrateDatabase(cluster.url);

// The Inngest dev server in a process of its own (as Inngest is elsewhere in production), with
// no app synced: events are accepted and stored, nothing runs — the hand-off is what's measured.
let inngestDev: ReturnType<typeof spawn> | null = null;
let inngestUrl: string | null = null;
if (HANDOFF === "inngest") {
  const port = await findFreePort();
  inngestUrl = `http://127.0.0.1:${port}`;
  inngestDev = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "..", "tools", "inngest-dev", "cli.ts"), "--port", String(port), "--quiet"], { env: { ...process.env, DATABASE_URL: cluster.url }, stdio: ["ignore", "ignore", "inherit"] });
  for (let ready = false; !ready; ) {
    ready = (await fetch(inngestUrl).catch(() => null)) !== null;
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
}
Object.assign(
  process.env,
  hermeticEnv({
    DATABASE_URL: cluster.url,
    LOG_LEVEL: "silent",
    // env.ts refuses INNGEST_DEV in production (dev mode skips signatures); nothing here serves /api/inngest.
    NODE_ENV: HANDOFF === "inngest" ? "test" : "production",
    APP_SECRET: "bench-secret-bench-secret-bench-secret-0000",
    API_KEY_PEPPER: "bench-billing-pepper-bench-billing-pepper-000",
    STRIPE_DEV_URL: `http://127.0.0.1:${await findFreePort()}`,
    ...(inngestUrl ? { INNGEST_DEV: inngestUrl } : {}),
  }),
);
const { POST } = await import("../src/app/api/webhooks/stripe/route");
const { db, sql } = await import("../src/server/db/client");
const { stripeClient } = await import("../src/server/stripe/client");
const stripe = stripeClient();

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const TYPES = ["customer.subscription.updated", "invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded", "payment_intent.succeeded", "charge.succeeded", "customer.subscription.created"];
let n = 0;
const sent: string[] = [];
/** A new event (customers not the app's: processing records it as ignored, with no gateway call), or every 10th a redelivery. */
function signedEvent() {
  n++;
  let payload: string;
  if (n % 10 === 0 && sent.length > 0) {
    payload = sent[(n * 7) % sent.length]!;
  } else {
    const type = TYPES[n % TYPES.length]!;
    const object = type.startsWith("customer.subscription") ? { id: `sub_${n}`, object: "subscription", customer: `cus_bench_${n % 50}`, status: "active" } : type.startsWith("invoice") ? { id: `in_${n}`, object: "invoice", customer: `cus_bench_${n % 50}`, amount_due: 2900 } : { id: `pi_${n}`, object: type.split(".")[0], customer: `cus_bench_${n % 50}`, amount: 2900 };
    payload = JSON.stringify({ id: `evt_bench_${process.pid}_${n}`, object: "event", api_version: "2026-10-28.endive", created: Math.floor(Date.now() / 1000), type, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } });
    sent.push(payload);
  }
  return { payload, signature: stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_DEV_WEBHOOK_SECRET }) };
}

// ── 1. webhook ingest at a fixed arrival rate ─────────────────────────────────────────────
async function ingestAtRate(rate: number, seconds: number) {
  const total = rate * seconds;
  const latencies: number[] = [];
  let failures = 0;
  let duplicates = 0;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { payload, signature } = signedEvent();
    const t0 = performance.now();
    inflight.push(
      POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers: { "stripe-signature": signature, "content-type": "application/json" }, body: payload }), {}).then(async (res) => {
        latencies.push(performance.now() - t0);
        if (res.status !== 200) failures++;
        else if (((await res.json()) as { duplicate?: boolean }).duplicate) duplicates++;
      }),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  return { latencies: latencies.sort((a, b) => a - b), failures, duplicates, achieved: total / elapsed };
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

const counts = async () => ({
  ledger: (await sql<{ n: number }[]>`select count(*)::int as n from billing_webhook_events where id like 'evt_bench_%'`)[0]!.n,
  handedOff: inngestUrl ? (await sql<{ n: number }[]>`select count(*)::int as n from inngest_dev.events where name = 'billing/stripe.event.received'`)[0]!.n : null,
});
await ingestAtRate(50, 2); // warm-up: JIT, pool connections
const base = await floor(500);
const before = await counts();
const run = await ingestAtRate(RATE, SECONDS);
const after = await counts();
console.log(`\nbench:billing — ${new Date().toISOString()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, ${os.cpus().length} CPUs`);
console.log(`\n1. Webhook ingest, ${RATE} events/s for ${SECONDS} s, hand-off: ${HANDOFF === "inngest" ? "Inngest event to the local dev server (own process)" : "inline (processed in this process after the 200)"}`);
console.log(`   ${run.latencies.length} requests (${run.duplicates} redeliveries answered as duplicates, ${run.failures} non-200), achieved ${run.achieved.toFixed(0)}/s; new ledger rows ${after.ledger - before.ledger}${after.handedOff === null ? "" : `, Inngest events stored ${after.handedOff - before.handedOff!}`}`);
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
  rows.push(`   GET /v1/me, cached key, ${plan.padEnd(4)}: ${cached} ${cached === 1 ? "query" : "queries"}; plan, overage rule and quota come with the cached key (the rate limit is synced in memory, decision 040) — goal: no extra query for the entitlement check → ${cached <= 1 ? "met" : "NOT met"}`);
}
console.log(`\n2. Entitlement check per request (queries counted in the request context)`);
for (const r of rows) console.log(r);
const { enforceLimit } = await import("../src/features/billing/server/enforce-limit");
const { runWithRequestContext, currentRequestContext } = await import("../src/server/logging/context");
const limited = await createWorkspaceWithMembers(db, random, { owner: await createUser(db, random), plan: "free" });
const limitQueries = await runWithRequestContext({ requestId: "bench-limit" }, async () => {
  await db.transaction((tx) => enforceLimit(tx, limited.id, "boards"));
  return currentRequestContext()!.queries.count;
});
console.log(`   creating a board (tRPC, REST or a job): the limit check costs ${limitQueries} ${limitQueries === 1 ? "query" : "queries"} (plan, seats and the count in one locked select of the workspace row)`);

usageRecorder().stop();
await apiKeyCache().listener.stop();
await sql.end({ timeout: 5 });
if (inngestDev) {
  const exited = new Promise((r) => inngestDev!.once("exit", r));
  inngestDev.kill("SIGTERM");
  await exited;
}
await cluster.stop();
