/**
 * Background-job latency on the local Inngest dev server (tools/inngest-dev), against an
 * embedded Postgres. Prints figures, asserts nothing.
 *
 *   1. event → job start: a probe function served with the SDK's Node adapter (as in
 *      tests/integration/inngest-dev/harness.ts); latency = the first line of the function body
 *      − the timestamp put in the event just before `inngest.send`. N events one at a time
 *      (each awaited until its job started), then N sent at once (a burst).
 *   2. outbox path: `transactionWithEffects` with one email effect (the app's own code, Inngest
 *      mode) → the app's `deliver-email` run started (the dev server's `started_at`, set when it
 *      claims the run and calls the app) and finished (mail in the dev mailbox).
 *
 * Run: node --conditions=react-server --import tsx bench/job-latency.ts [--n 200] [--poll-ms 100]
 *      (npm run bench:jobs). --poll-ms is the dev server's poll interval (its default: 100 ms,
 *      what `npm run dev` uses); the figures are dominated by it.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { findFreePort, startEmbeddedPostgres } from "../tools/embedded-postgres";
import { startInngestDevServer } from "../tools/inngest-dev";
import { migrateDatabase } from "../src/server/db/migrate";
import { hermeticEnv } from "../src/lib/env-keys";

const { values: args } = parseArgs({ options: { n: { type: "string", default: "200" }, "poll-ms": { type: "string", default: "100" } } });
const N = Number(args.n);
const POLL_MS = Number(args["poll-ms"]);

const embedded = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `groundwork-bench-jobs-${process.pid}`), database: "bench", ephemeral: true, fast: true });
const devPort = await findFreePort();
const devUrl = `http://127.0.0.1:${devPort}`;
// The app's modules read env once, at import: Inngest in dev mode against our dev server.
Object.assign(
  process.env,
  hermeticEnv({ DATABASE_URL: embedded.url, LOG_LEVEL: "silent", NODE_ENV: "development", APP_SECRET: "bench-secret-bench-secret-bench-secret-0000", INNGEST_DEV: devUrl }),
);
await migrateDatabase(embedded.url);

const { Inngest, eventType } = await import("inngest");
const { serve } = await import("inngest/node");
const { z } = await import("zod");

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}
const rows: string[][] = [];
const row = (label: string, samples: number[], wallMs?: number) => {
  const s = stats(samples);
  rows.push([label, String(s.n), `${s.p50.toFixed(0)} ms`, `${s.p95.toFixed(0)} ms`, `${s.p99.toFixed(0)} ms`, `${s.max.toFixed(0)} ms`, wallMs === undefined ? "" : `${(wallMs / 1000).toFixed(1)} s`]);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
let handler: http.RequestListener = (_req, res) => res.writeHead(404).end();
const app = http.createServer((req, res) => handler(req, res));
await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
const dev = await startInngestDevServer({ databaseUrl: embedded.url, port: devPort, pollMs: POLL_MS });

try {
  console.log(`job latency bench · node ${process.version} · ${os.cpus().length} CPU(s) · inngest-dev poll ${POLL_MS} ms · N = ${N}`);

  // 1. A probe function: the first line of its body records when the job started.
  const started = new Map<number, number>();
  const ping = eventType("bench/ping", { schema: z.object({ seq: z.number(), t: z.number() }) });
  const probeClient = new Inngest({ id: "bench", isDev: true, baseUrl: devUrl, logger: quiet, internalLogger: quiet });
  const probe = probeClient.createFunction({ id: "probe", retries: 0, triggers: [ping] }, async ({ event }) => {
    const now = Date.now();
    if (!started.has(event.data.seq)) started.set(event.data.seq, now - event.data.t);
    return null;
  });

  // 2. The app's own functions (deliver-email among them), served the same way.
  const { functions } = await import("../src/server/inngest/functions");
  const probeHandler = serve({ client: probeClient, functions: [probe] }) as http.RequestListener;
  const { inngest } = await import("../src/server/inngest/client");
  const appHandler = serve({ client: inngest, functions }) as http.RequestListener;
  // Two apps, two ports: the dev server calls each at the URL it was synced from.
  const probeServer = http.createServer((req, res) => probeHandler(req, res));
  await new Promise<void>((resolve) => probeServer.listen(0, "127.0.0.1", resolve));
  const probeUrl = `http://127.0.0.1:${(probeServer.address() as AddressInfo).port}/api/inngest`;
  handler = appHandler;
  await dev.sync(probeUrl);
  await dev.sync(appUrl);

  // Warm-up (module loading, first connections), not counted.
  await probeClient.send(ping.create({ seq: -1, t: Date.now() }));
  await waitFor(() => started.has(-1), 15_000, "the warm-up job");

  let wall = performance.now();
  for (let seq = 0; seq < N; seq++) {
    await probeClient.send(ping.create({ seq, t: Date.now() }));
    await waitFor(() => started.has(seq), 15_000, `job ${seq}`);
  }
  row(`event → job start, one at a time`, [...started.entries()].filter(([s]) => s >= 0 && s < N).map(([, ms]) => ms), performance.now() - wall);

  wall = performance.now();
  await Promise.all(Array.from({ length: N }, (_, i) => probeClient.send(ping.create({ seq: N + i, t: Date.now() }))));
  const sent = performance.now() - wall;
  await waitFor(() => [...started.keys()].filter((s) => s >= N).length >= N, 120_000, "the burst's jobs");
  row(`event → job start, burst of ${N}`, [...started.entries()].filter(([s]) => s >= N).map(([, ms]) => ms), performance.now() - wall);
  console.log(`(burst: ${N} sends accepted by the event API in ${sent.toFixed(0)} ms)`);

  // The outbox path: commit → relay → deliver-email (the app's code end to end).
  const { db, sql } = await import("../src/server/db/client");
  const { transactionWithEffects } = await import("../src/server/db/transaction");
  type Run = { status: string; event: { data: { outboxId?: string } }; startedAt: string | null; endedAt: string | null };
  const deliverRuns = async () =>
    ((await (await fetch(`${dev.url}/v0/runs?function_id=groundwork-deliver-email&limit=500`)).json()) as { runs: Run[] }).runs;
  const committedAt = new Map<string, number>();
  const sendOne = async (i: number) => {
    let outboxId = "";
    const before = Date.now();
    await transactionWithEffects(db, async (_tx, effects) => {
      await effects.email({ to: `bench-${i}@groundwork.test`, subject: `bench ${i}`, text: "bench", html: "<p>bench</p>" });
    });
    const [latest] = await sql<{ id: string }[]>`select id::text from outbox where payload->>'to' = ${`bench-${i}@groundwork.test`}`;
    outboxId = latest!.id;
    committedAt.set(outboxId, before);
  };
  const outboxCount = Math.min(N, 100);
  const measureOutbox = async (label: string, ids: () => string[]) => {
    await waitFor(async () => (await deliverRuns()).filter((r) => r.status === "completed" && ids().includes(r.event.data.outboxId ?? "")).length >= ids().length, 120_000, "deliver-email runs");
    const runs = (await deliverRuns()).filter((r) => ids().includes(r.event.data.outboxId ?? ""));
    row(`${label}: commit → deliver-email start`, runs.map((r) => new Date(r.startedAt!).getTime() - committedAt.get(r.event.data.outboxId!)!));
    row(`${label}: commit → email delivered`, runs.map((r) => new Date(r.endedAt!).getTime() - committedAt.get(r.event.data.outboxId!)!));
  };
  await sendOne(-1); // warm-up
  await sleep(1_000);
  committedAt.clear();
  const relayMs: number[] = [];
  for (let i = 0; i < outboxCount; i++) {
    const t = performance.now();
    await sendOne(i);
    relayMs.push(performance.now() - t);
    const id = [...committedAt.keys()].at(-1)!;
    await waitFor(async () => (await deliverRuns()).some((r) => r.event.data.outboxId === id && r.status === "completed"), 15_000, `deliver-email for ${id}`);
  }
  row(`outbox, one at a time: transactionWithEffects (commit + relay)`, relayMs);
  const sequentialIds = [...committedAt.keys()];
  await measureOutbox("outbox, one at a time", () => sequentialIds);
  committedAt.clear();
  await Promise.all(Array.from({ length: outboxCount }, (_, i) => sendOne(1000 + i)));
  const burstIds = [...committedAt.keys()];
  await measureOutbox(`outbox, burst of ${outboxCount}`, () => burstIds);
  console.log("(deliver-email start = the dev server's started_at, when it claims the run and calls the app)");

  const header = ["path", "n", "p50", "p95", "p99", "max", "wall"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`);
  await sql.end({ timeout: 1 }).catch(() => {});
  await new Promise<void>((resolve) => {
    probeServer.close(() => resolve());
    probeServer.closeAllConnections();
  });
} finally {
  await dev.stop();
  await new Promise<void>((resolve) => {
    app.close(() => resolve());
    app.closeAllConnections();
  });
  await embedded.stop();
}
