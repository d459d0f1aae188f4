/**
 * Where a page's render spends the server's CPU: for each page, starts the production server
 * (scripts/serve.ts --prod, ephemeral Postgres) with a CPU profiler preloaded into its Node processes (bench/lib/cpu-prof-preload.cjs),
 * arranges a signed-in staff admin with a team workspace, drives the page with autocannon and
 * prints the `next start` process's top functions by self and inclusive time. Profiles stay in
 * .data/profiles/ (read further with `npx tsx bench/lib/cpu-profile.ts <file> --callers <fn>`).
 *
 *   npm run bench:pages:profile -- [--pages /sign-in,/w/] [--duration 10] [--connections 16] [--top 30]
 *
 * `/w/` means the team workspace's home, signed in; `/api/v1/me` is the public API's Next route
 * with a fresh key of a Pro workspace (bench/lib/api-fixture.ts); any other page is fetched
 * signed out.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { printProfileSummary } from "./lib/cpu-profile";
import { arrangeBenchAdmin } from "./lib/bench-admin";
import { ensureBuild, gitCommit, startProdServer } from "./lib/server";
import { hermeticEnv } from "../src/lib/env-keys";
import { arrangeApiBench, BENCH_API_PEPPER } from "./lib/api-fixture";

const { values: args } = parseArgs({
  options: {
    pages: { type: "string", default: "/sign-in,/w/" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "16" },
    top: { type: "string", default: "30" },
  },
});
const profileDir = path.join(process.cwd(), ".data", "profiles");
fs.mkdirSync(profileDir, { recursive: true });
const PEPPER = BENCH_API_PEPPER;
ensureBuild();
console.log(`pages profile · commit ${gitCommit()} · ${os.availableParallelism()} CPU(s) · load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

const pages = args.pages!.split(",").filter(Boolean);
// The fixture's app modules bind to the first server's database when imported; each page gets a new server.
if (pages.filter((p) => p.startsWith("/api/v1/")).length > 1) throw new Error("--pages: one /api/v1/ route per run (each page starts its own server and database)");
for (const page of pages) {
  const runDir = fs.mkdtempSync(path.join(profileDir, "run-"));
  // The `next start` process writes its profile on exit (bench/lib/cpu-prof-preload.cjs).
  // The API route logs at info, as in production and bench:api.
  const api = page.startsWith("/api/v1/");
  const server = await startProdServer({ NODE_OPTIONS: `--require ${path.join(import.meta.dirname, "lib", "cpu-prof-preload.cjs")}`, CPU_PROF_DIR: runDir, API_KEY_PEPPER: PEPPER, ...(api ? { LOG_LEVEL: "info" } : {}) });
  let url = page;
  let cookie: string | undefined;
  let authorization: string | undefined;
  try {
    if (page === "/w/") {
      const arranged = await arrangeBenchAdmin(server.databaseUrl);
      url = `/w/${arranged.team.slug}`;
      cookie = arranged.cookie;
    }
    if (api) {
      // The fixture's modules read the env when first imported: the server's database and pepper.
      Object.assign(process.env, hermeticEnv({ DATABASE_URL: server.databaseUrl, API_KEY_PEPPER: PEPPER, LOG_LEVEL: "silent", NODE_ENV: "production" }));
      authorization = `Bearer ${await (await arrangeApiBench()).issue(`profile ${page}`)}`;
    }
    // Pages as a browser asks for them (gzip); the API as bench:api calls it (no Accept-Encoding).
    const headers = { ...(api ? {} : { "accept-encoding": "gzip" }), ...(cookie ? { cookie } : {}), ...(authorization ? { authorization } : {}) };
    const first = await fetch(`${server.origin}${url}`, { headers, redirect: "manual" });
    await first.arrayBuffer();
    if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
    const pid = server.nextPid();
    if (!pid) throw new Error("no process listens on the server's port");
    // Warm up, then profile only the run (the preload starts the profiler on SIGUSR2).
    await autocannon({ url: `${server.origin}${url}`, connections: Number(args.connections), duration: 3, headers });
    process.kill(pid, "SIGUSR2");
    const result = await autocannon({ url: `${server.origin}${url}`, connections: Number(args.connections), duration: Number(args.duration), headers });
    console.log(`\n${page} (${url}): ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx} · load ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    await server.stop();
  }
  const files = fs.readdirSync(runDir).map((f) => path.join(runDir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  if (!files[0]) throw new Error("the server wrote no .cpuprofile");
  printProfileSummary(files[0], { top: Number(args.top) });
}
