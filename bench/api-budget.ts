/**
 * What a ratio against bare `node:http` costs on this machine: issue 14 asks `start:api` for
 * ≥ 50 % of a bare server's throughput on `GET /v1/me` (p99 < 10 ms at 64 connections). This
 * runs, against the same bare baseline in the same rounds:
 *   - bare plus a busy loop of `--spin` microseconds a request (pure CPU, no I/O): the ratio a
 *     server gets for a given amount of extra work per request;
 *   - the floors of the API path (bench/lib/budget-server.ts): only the checks `GET /v1/me`
 *     cannot do without, written as tightly as we know; then with the access-log line; then
 *     with the request log written to Postgres as the API writes it;
 *   - `npm run start:api` itself.
 * Each with its req/s, p99, server CPU per request and Postgres CPU per request. The load
 * generator, the servers and Postgres share this machine's CPUs (decision 040).
 *
 *   npm run bench:api:budget [-- --duration 5 --rounds 3 --connections 64 --spin 15,30,60]
 *
 * Diagnostics, by environment: `BUDGET_THREADS=1` prints each server's CPU per request by thread
 * (user and system); `BUDGET_PROFILE=<level>` (`rows`, `checks`, …) runs that floor under
 * `--cpu-prof` into /tmp/budgetprof; `BUDGET_DISCARD=1` makes the `rows` floor build and buffer
 * its rows but not write them (the write's own share).
 */
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { hermeticEnv } from "../src/lib/env-keys";
import { findFreePort } from "../tools/embedded-postgres";
import { arrangeApiBench, BENCH_API_PEPPER } from "./lib/api-fixture";
import { startApiProcess, type ApiProcess } from "./lib/api-process";
import { startBareServer } from "./lib/bare-server";
import { startDurablePostgres } from "./lib/durable-postgres";
import { startChildServer } from "./lib/child-server";
import { cpuMicros, postgresMicros, threadMicros } from "./lib/proc-cpu";
import { gitCommit } from "./lib/server";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "64" },
    spin: { type: "string", default: "15,30,60" },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const ROUNDS = Math.max(1, Number(args.rounds));

const pg = await startDurablePostgres();
Object.assign(process.env, hermeticEnv({ DATABASE_URL: pg.url, DATABASE_PREPARE: "1", API_KEY_PEPPER: BENCH_API_PEPPER, LOG_LEVEL: "silent", NODE_ENV: "production" }));
const fixture = await arrangeApiBench();
const route = fixture.routes["GET /v1/me"];

type Target = { name: string; origin: string; pid: number; stop: () => Promise<void> };
const targets: Target[] = [];
let api: ApiProcess | null = null;

/** A budget server (bench/lib/budget-server.ts) at `level`, serving start:api's body and headers. */
async function startBudget(level: string, name: string, body: string, headers: string[], keys: unknown[]): Promise<Target> {
  const port = await findFreePort();
  const prof = process.env.BUDGET_PROFILE === level ? ["--cpu-prof", "--cpu-prof-dir=/tmp/budgetprof"] : [];
  const server = await startChildServer({
    args: [...prof, "--conditions=react-server", "--import", "tsx", "bench/lib/budget-server.ts"],
    port,
    env: {
      ...hermeticEnv({ DATABASE_URL: pg.url, DATABASE_PREPARE: "1", API_KEY_PEPPER: BENCH_API_PEPPER, LOG_LEVEL: "info", NODE_ENV: "production", APP_SECRET: "bench-secret-bench-secret-bench-secret-0000" }),
      BUDGET_LEVEL: level,
      ...(process.env.BUDGET_DISCARD ? { BUDGET_DISCARD: "1" } : {}),
      BUDGET_PORT: String(port),
      BUDGET_BODY: body,
      BUDGET_HEADERS: JSON.stringify(headers),
      BUDGET_KEYS: JSON.stringify(keys),
    },
    what: name,
  });
  return { name, ...server };
}

try {
  // A key per target and round (and one for warm-ups): no run comes near a key's 100,000 a minute.
  const secrets = new Map<string, string>();
  const keyFor = async (what: string) => secrets.get(what) ?? (secrets.set(what, await fixture.issue(`budget ${what}`)), secrets.get(what)!);

  api = await startApiProcess({ databaseUrl: pg.url, prepare: true });
  const sample = await fetch(`${api.origin}${route}`, { headers: { authorization: `Bearer ${await keyFor("sample")}` } });
  if (sample.status !== 200) throw new Error(`start:api answered ${sample.status}: ${await sample.text()}`);
  const body = await sample.text();
  // start:api's headers as sent (node:http adds Date, Connection and Keep-Alive to every server alike).
  const headers = [...sample.headers].filter(([name]) => !["date", "connection", "keep-alive", "content-encoding"].includes(name)).flat();

  const bare = await startBareServer({ [route]: body });
  targets.push({ name: "bare node:http", ...bare });
  for (const us of args.spin!.split(",").map(Number)) targets.push(await startBudget(`spin:${us}`, `bare + ${us} µs of CPU`, body, headers, []));
  // Every key the runs will use, known to the floors up front (they have no database lookup).
  const names = ["warm-up", ...Array.from({ length: ROUNDS }, (_, r) => `round ${r}`)];
  const keys: Array<{ secret: string; id: string; workspaceId: string; scopes: string[] }> = [];
  for (const n of names) {
    const secret = await keyFor(n);
    const [row] = await fixture.sql<Array<{ id: string; workspace_id: string; scopes: string[] }>>`select id, workspace_id, scopes from api_keys where name = ${`budget ${n}`}`;
    keys.push({ secret, id: row!.id, workspaceId: row!.workspace_id, scopes: row!.scopes });
  }
  targets.push(await startBudget("checks", "floor: checks only", body, headers, keys));
  targets.push(await startBudget("log", "floor: + access log", body, headers, keys));
  targets.push(await startBudget("rows", "floor: + request log rows", body, headers, keys));
  targets.push(await startBudget("async", "floor: + context and promises", body, headers, keys));
  targets.push({ name: "start:api", ...api });

  console.log(`api budget bench · commit ${gitCommit()} · node ${process.version} · ${os.cpus().length} CPU(s) · load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`GET /v1/me · ${CONNECTIONS} connections · ${DURATION} s a run · ${ROUNDS} round(s), order reversed every other round · Postgres: ${pg.settings}`);
  const authFor = async (what: string) => ({ authorization: `Bearer ${await keyFor(what)}` });
  // Warmed by a count, not a time: on a busy machine a few seconds may not get the JIT going.
  for (const t of targets) await autocannon({ url: `${t.origin}${route}`, connections: CONNECTIONS, amount: 20_000, headers: await authFor("warm-up") });

  const results = new Map<string, Array<{ rps: number; p99: number; cpu: number; pg: number; ratio: number }>>();
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    const rows: Array<{ t: Target; rps: number; p99: number; cpu: number; pg: number; non2xx: number }> = [];
    for (const t of order) {
      const cpuBefore = cpuMicros(t.pid);
      const threadsBefore = process.env.BUDGET_THREADS ? threadMicros(t.pid) : null;
      const pgBefore = postgresMicros(pg.dataDir);
      const r = (await autocannon({ url: `${t.origin}${route}`, connections: CONNECTIONS, duration: DURATION, headers: await authFor(`round ${round}`) })) as unknown as autocannon.Result;
      // A second and a half for the last batched writes (request log, metering) to land. (A
      // backend that exits meanwhile takes its CPU out of the sum; such a run reads as 0.)
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      if (threadsBefore) {
        const parts = [...threadMicros(t.pid)].map(([name, c]) => { const b = threadsBefore.get(name) ?? { user: 0, sys: 0 }; return [name, (c.user - b.user) / r.requests.total, (c.sys - b.sys) / r.requests.total] as const; }).filter(([, u, s]) => u + s > 0.5);
        console.log(`      ${t.name}: ${parts.map(([n, u, s]) => `${n} u${u.toFixed(1)} s${s.toFixed(1)}`).join(", ")}`);
      }
      rows.push({ t, rps: r.requests.average, p99: r.latency.p99, cpu: (cpuMicros(t.pid) - cpuBefore) / r.requests.total, pg: Math.max(0, postgresMicros(pg.dataDir) - pgBefore) / r.requests.total, non2xx: r.non2xx });
    }
    const bareRps = rows.find((x) => x.t.name === "bare node:http")!.rps;
    console.log(`\nround ${round + 1} (load ${os.loadavg()[0]!.toFixed(1)})`);
    console.log(`   ${"target".padEnd(28)} ${"req/s".padStart(7)} ${"p99 ms".padStart(7)} ${"CPU µs/req".padStart(11)} ${"+ Postgres".padStart(11)} ${"of bare".padStart(8)} ${"non-2xx".padStart(8)}`);
    for (const t of targets) {
      const x = rows.find((row) => row.t === t)!;
      const ratio = x.rps / bareRps;
      (results.get(t.name) ?? results.set(t.name, []).get(t.name)!).push({ rps: x.rps, p99: x.p99, cpu: x.cpu, pg: x.pg, ratio });
      console.log(`   ${t.name.padEnd(28)} ${Math.round(x.rps).toString().padStart(7)} ${x.p99.toFixed(0).padStart(7)} ${x.cpu.toFixed(0).padStart(11)} ${x.pg.toFixed(0).padStart(11)} ${`${(ratio * 100).toFixed(1)}%`.padStart(8)} ${String(x.non2xx).padStart(8)}`);
    }
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  console.log(`\nmedians of ${ROUNDS} round(s)`);
  console.log(`   ${"target".padEnd(28)} ${"of bare".padStart(8)} ${"p99 ms".padStart(7)} ${"CPU µs/req".padStart(11)} ${"+ Postgres".padStart(11)}`);
  for (const t of targets) {
    const xs = results.get(t.name)!;
    console.log(`   ${t.name.padEnd(28)} ${`${(median(xs.map((x) => x.ratio)) * 100).toFixed(1)}%`.padStart(8)} ${median(xs.map((x) => x.p99)).toFixed(0).padStart(7)} ${median(xs.map((x) => x.cpu)).toFixed(0).padStart(11)} ${median(xs.map((x) => x.pg)).toFixed(0).padStart(11)}`);
  }
  console.log("\nThe floors keep limits and counts in memory only and skip the router, the envelope and the output check: they are what the checks cost at least, not an API.");
} finally {
  for (const t of targets) await t.stop().catch(() => {});
  await api?.stop();
  await fixture.sql.end({ timeout: 1 }).catch(() => {});
  await pg.stop();
}
