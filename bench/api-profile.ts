/**
 * Where `start:api` spends its CPU: runs it under `node --cpu-prof` against a durable Postgres,
 * drives `GET /v1/me` and the post list with autocannon (one key, 64 connections), and prints
 * each profile's top functions by self and inclusive time, of the measured run only (after a
 * warm-up of 20,000 requests). Profiles stay in .data/profiles/.
 *
 *   npm run bench:api:profile [-- --duration 10 --connections 64 --top 25]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { hermeticEnv } from "../src/lib/env-keys";
import { arrangeApiBench, BENCH_API_PEPPER } from "./lib/api-fixture";
import { printProfileSummary } from "./lib/cpu-profile";
import { startApiProcess } from "./lib/api-process";
import { startDurablePostgres } from "./lib/durable-postgres";
import { gitCommit } from "./lib/server";

const { values: args } = parseArgs({ options: { duration: { type: "string", default: "10" }, connections: { type: "string", default: "64" }, top: { type: "string", default: "25" }, "log-level": { type: "string", default: "info" } } });
const PEPPER = BENCH_API_PEPPER;
const profileDir = path.join(process.cwd(), ".data", "profiles");
fs.mkdirSync(profileDir, { recursive: true });

const pg = await startDurablePostgres();
Object.assign(process.env, hermeticEnv({ DATABASE_URL: pg.url, API_KEY_PEPPER: PEPPER, LOG_LEVEL: "silent", NODE_ENV: "production" }));
const fixture = await arrangeApiBench();
console.log(`api profile · commit ${gitCommit()} · ${os.cpus().length} CPU(s) · load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} · ${pg.settings} · LOG_LEVEL=${args["log-level"]}`);

async function profileRoute(name: string, url: string, key: string): Promise<void> {
  const before = new Set(fs.readdirSync(profileDir));
  const spawnedAt = Date.now();
  const api = await startApiProcess({ databaseUrl: pg.url, logLevel: args["log-level"]!, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`], what: "start:api" });
  const origin = api.origin;
  const headers = { authorization: `Bearer ${key}` };
  // Warmed by a count (a busy machine may not get the JIT going in a fixed time); the summary
  // leaves out everything before the measured run: start-up, module loading, warm-up.
  await autocannon({ url: `${origin}${url}`, connections: Number(args.connections), amount: 20_000, headers });
  const skipMs = Date.now() - spawnedAt;
  const result = (await autocannon({ url: `${origin}${url}`, connections: Number(args.connections), duration: Number(args.duration), headers })) as unknown as autocannon.Result;
  await api.stop();
  const file = fs.readdirSync(profileDir).find((f) => !before.has(f) && f.endsWith(".cpuprofile"));
  console.log(`\n${name}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`);
  if (!file) throw new Error("start:api wrote no .cpuprofile");
  const named = path.join(profileDir, `${name.replace(/[^a-z0-9]+/gi, "-")}-${Date.now()}.cpuprofile`);
  fs.renameSync(path.join(profileDir, file), named);
  printProfileSummary(named, { top: Number(args.top), skipMs });
}

try {
  for (const [name, url] of Object.entries(fixture.routes)) await profileRoute(name, url, await fixture.issue(`profile ${name}`));
} finally {
  await fixture.sql.end({ timeout: 1 }).catch(() => {});
  await pg.stop();
}
