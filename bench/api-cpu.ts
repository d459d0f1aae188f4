/**
 * CPU per request of `npm run start:api` against a bare `node:http` server, each in its own
 * process, read from /proc/<pid>/stat (user + system time of the whole process, every thread)
 * over a run of autocannon, and Postgres's CPU over the same run (postmaster and backends: the
 * metering, request log and limit sync a request causes later, on the same CPUs). On a shared machine req/s moves with everyone else's load; the CPU
 * a request costs the server moves far less, so this is the steadier A/B figure (decision 040).
 * Same durable Postgres, keys and routes as `bench:api`. Rounds alternate the targets.
 *
 * `--tree dir` (repeatable) runs `scripts/api-server.ts` from another checkout too, against the
 * same database (it must have the same migrations): `--tree /work/main` compares with main.
 *
 *   npm run bench:api:cpu [-- --duration 5 --rounds 3 --connections 64 --tree ../other]
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { hermeticEnv } from "../src/lib/env-keys";
import { arrangeApiBench, BENCH_API_PEPPER } from "./lib/api-fixture";
import { startApiProcess, type ApiProcess } from "./lib/api-process";
import { startBareServer } from "./lib/bare-server";
import { startDurablePostgres } from "./lib/durable-postgres";
import { cpuMicros, postgresMicros } from "./lib/proc-cpu";
import { gitCommit } from "./lib/server";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "64" },
    tree: { type: "string", multiple: true, default: [] },
    "log-level": { type: "string", default: "info" },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const PEPPER = BENCH_API_PEPPER;
const pg = await startDurablePostgres();
Object.assign(process.env, hermeticEnv({ DATABASE_URL: pg.url, DATABASE_PREPARE: "1", API_KEY_PEPPER: PEPPER, LOG_LEVEL: "silent", NODE_ENV: "production" }));
const fixture = await arrangeApiBench();
const apis: ApiProcess[] = [];
let stopBare = async () => {};

async function startApi(tree: string): Promise<{ origin: string; pid: number }> {
  const api = await startApiProcess({ databaseUrl: pg.url, prepare: true, cwd: tree, logLevel: args["log-level"]!, what: `start:api in ${tree}` });
  apis.push(api);
  return api;
}

try {
  const trees = [process.cwd(), ...args.tree!.map((t) => path.resolve(t))];
  const key = await fixture.issue("cpu bench");
  const headers = { authorization: `Bearer ${key}` };
  const targets: Array<{ name: string; origin: string; pid: number }> = [];
  for (const tree of trees) targets.push({ name: `start:api ${tree === process.cwd() ? "(this tree)" : path.basename(tree)}`, ...(await startApi(tree)) });
  const bodies: Record<string, string> = {};
  for (const url of Object.values(fixture.routes)) {
    const res = await fetch(`${targets[0]!.origin}${url}`, { headers });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    bodies[url] = await res.text();
  }
  const bare = await startBareServer(bodies);
  stopBare = bare.stop;
  targets.unshift({ name: "bare node:http", origin: bare.origin, pid: bare.pid });

  console.log(`api cpu bench · commit ${gitCommit()} · node ${process.version} · ${os.cpus().length} CPU(s) · load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`Postgres: ${pg.settings} · DATABASE_PREPARE=1 · LOG_LEVEL=${args["log-level"]} · ${CONNECTIONS} connections · ${DURATION} s a run · CPU = user+sys of the server process`);
  for (const [route, url] of Object.entries(fixture.routes)) {
    console.log(`\n${route}`);
    console.log(`   ${"round".padEnd(6)} ${"target".padEnd(28)} ${"req/s".padStart(7)} ${"p99 ms".padStart(7)} ${"CPU µs/req".padStart(11)} ${"+ Postgres".padStart(11)} ${"non-2xx".padStart(8)}  load`);
    // A key per run (the warm-up included): the bench keys' limit (100,000 a minute) must not be
    // what a run measures, and a warm-up plus a round at 10k req/s would pass it on one key.
    const keyFor = async (what: string) => ({ authorization: `Bearer ${await fixture.issue(`cpu ${what} ${route}`)}` });
    // Warmed by a count, not a time: on a busy machine two seconds may not get the JIT going.
    for (const t of targets) await autocannon({ url: `${t.origin}${url}`, connections: CONNECTIONS, amount: 20_000, headers: await keyFor(`${t.name} warm-up`) });
    for (let round = 1; round <= Number(args.rounds); round++) {
      for (const target of targets) {
        const t = { ...target, headers: await keyFor(`${target.name} round ${round}`) };
        const before = cpuMicros(t.pid);
        const pgBefore = postgresMicros(pg.dataDir);
        const r = (await autocannon({ url: `${t.origin}${url}`, connections: CONNECTIONS, duration: DURATION, headers: t.headers })) as unknown as autocannon.Result;
        // A second for the last batched writes (metering, the request log, the limit sync) to land.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        const perRequest = (cpuMicros(t.pid) - before) / r.requests.total;
        const pgPerRequest = (postgresMicros(pg.dataDir) - pgBefore) / r.requests.total;
        console.log(`   ${String(round).padEnd(6)} ${t.name.padEnd(28)} ${Math.round(r.requests.average).toString().padStart(7)} ${r.latency.p99.toFixed(0).padStart(7)} ${perRequest.toFixed(0).padStart(11)} ${pgPerRequest.toFixed(0).padStart(11)} ${String(r.non2xx).padStart(8)}  ${os.loadavg()[0]!.toFixed(1)}`);
      }
    }
  }
} finally {
  for (const api of apis) await api.stop();
  await stopBare();
  await fixture.sql.end({ timeout: 1 }).catch(() => {});
  await pg.stop();
}
