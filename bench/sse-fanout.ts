/**
 * SSE fan-out at scale, against the production server (`next start` on a throwaway Postgres):
 * N streams on one workspace channel, each authenticated by its own session cookie; 20
 * publishes at 1 Hz of `{ t, seq }`; publish→receive latency = arrival − `t` (taken just
 * before `publish()` inserts and notifies); server RSS growth per stream; the server's CPU time
 * per publish (over the publish window, /proc). Prints, asserts nothing.
 * Goal to read against: 10k subscribers, p99 < 250 ms.
 *
 *   node --conditions=react-server --import tsx bench/sse-fanout.ts --n 1000 [--n 5000 …] [--pin] [--standalone]
 *   npm run bench:sse -- --n 1000 --n 5000 --n 10000 --pin --standalone
 *
 * --standalone: each size also against `npm run start:realtime` (the same endpoint on a bare
 * node:http process, same database), right after the Next route, so the two are side by side.
 *
 * --pin (Linux, needs `taskset` from util-linux, and ≥ 2 CPUs): the `next start` process on
 * CPU 0, everything else (this process, the load clients, Postgres) on CPU 1, as in
 * notes/sse-scale.md, so the figures are one core's worth of server.
 *
 * Each stream is a socket on both ends: N = 10000 needs `ulimit -n` above ~2×N/clients + slack
 * in this shell (the load clients) and in the server's (inherited): `ulimit -n 32768` first.
 * The streams are spread over two load-client processes so client-side parsing does not
 * dominate the figures on a 2-core machine (as in notes/sse-scale.md).
 */
import { fork, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { findFreePort } from "../tools/embedded-postgres";
import { hermeticEnv } from "../src/lib/env-keys";
import { waitUntilHealthy } from "./lib/healthz";
import { ensureBuild, gitCommit, startProdServer } from "./lib/server";

/** Where the streams go: the Next route, or the standalone process. */
type Target = { label: string; origin: string; pid: () => number | null };

const PUBLISHES = 20;
const CLIENTS = 2;
const RAMP_CONCURRENCY = 200;
let runs = 0;
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

type ToClient = { kind: "open"; origin: string; channel: string; cookies: string[] } | { kind: "report" };
type FromClient = { kind: "opened"; ok: number; failed: number; ms: number } | { kind: "report"; latencies: number[]; received: number; gaps: number };

if (process.argv.includes("--client")) runClient();
else await main();

async function main() {
  const { values } = parseArgs({
    options: { n: { type: "string", multiple: true, default: ["1000"] }, pin: { type: "boolean", default: false }, standalone: { type: "boolean", default: false } },
  });
  const sizes = values.n!.map(Number);
  ensureBuild();
  // Before the server starts, so Postgres, serve.ts and the load clients inherit CPU 1.
  if (values.pin) pin(process.pid, "1");
  console.log(`SSE fan-out · node ${process.version} · ${os.cpus().length} CPU(s) · commit ${gitCommit()} · ulimit -n ${fs.readFileSync("/proc/self/limits", "utf8").match(/Max open files\s+(\d+)/)?.[1]}${values.pin ? " · next on CPU 0, load + Postgres on CPU 1" : ""}`);
  const server = await startProdServer({ DATABASE_POOL_MAX: "20", APP_SECRET: "bench-secret-bench-secret-bench-secret-0000" });
  if (values.pin) {
    const pid = server.nextPid();
    if (!pid) throw new Error("--pin: could not find the next-server process");
    pin(pid, "0");
  }
  const rows: string[][] = [];
  const targets: Target[] = [{ label: "next route", origin: server.origin, pid: server.nextPid }];
  let standalone: ChildProcess | null = null;
  try {
    if (values.standalone) {
      const started = await startStandalone(server.databaseUrl);
      standalone = started.child;
      if (values.pin) pin(started.child.pid!, "0");
      targets.push({ label: "standalone", origin: started.origin, pid: () => started.child.pid ?? null });
    }
    // One server for every size (the app modules below bind to its database once); streams
    // of one size are closed before the next opens, and RSS is read just before and after.
    process.env.DATABASE_URL = server.databaseUrl;
    for (const n of sizes) for (const target of targets) rows.push([target.label, ...(await run(target, server.databaseUrl, n))]);
  } finally {
    standalone?.kill("SIGTERM");
    const { sql } = await import("../src/server/db/client");
    await sql.end({ timeout: 1 }).catch(() => {});
    await server.stop();
  }
  const header = ["server", "N", "ramp", "ready", "RSS before → after", "RSS/conn", "delivered", "p50", "p99", "max", "CPU/publish"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`);
  console.log(`\ngoal: 10k subscribers, p99 < 250 ms`);
}

/** `npm run start:realtime` on a free port against the bench's database; resolves once /healthz answers. */
async function startStandalone(databaseUrl: string): Promise<{ child: ChildProcess; origin: string }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/realtime-server.ts"], {
    env: hermeticEnv({ DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: "20", REALTIME_PORT: String(port), REALTIME_HOST: "127.0.0.1", LOG_LEVEL: "warn", NODE_ENV: "production", APP_SECRET: "bench-secret-bench-secret-bench-secret-0000" }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(origin, "the standalone realtime server", { timeoutMs: 30_000, exited: () => child.exitCode !== null });
  } catch (error) {
    child.kill();
    throw error;
  }
  return { child, origin };
}

async function run(target: Target, databaseUrl: string, n: number): Promise<string[]> {
  const admin = postgres(databaseUrl, { max: 4, onnotice: () => {} });
  const clients: ChildProcess[] = [];
  try {
    // Arrange data the way the app would have it: a user in a workspace, one session per stream.
    const { db } = await import("../src/server/db/client");
    const { createUser, createWorkspaceWithMembers } = await import("../src/server/db/factories");
    const { createRandom } = await import("../src/lib/random");
    const { generateToken, hashToken } = await import("../src/server/auth/tokens");
    const { publish } = await import("../src/server/realtime/publish");
    // Per run, not per size: the same --n twice (to see the spread) must not reuse ids.
    const random = createRandom(n * 1000 + ++runs);
    const user = await createUser(db, random);
    const workspace = await createWorkspaceWithMembers(db, random, { owner: user });
    const channel = `workspace:${workspace.id}`;
    const tokens = Array.from({ length: n }, () => generateToken());
    const expires = new Date(Date.now() + 86_400_000);
    for (let i = 0; i < n; i += 1000) {
      const batch = tokens.slice(i, i + 1000).map((t) => ({ id: hashToken(t), user_id: user.id, expires_at: expires, two_factor_verified: true, ip: "127.0.0.1", user_agent: "bench" }));
      await admin`insert into sessions ${admin(batch)}`;
    }

    const pid = target.pid();
    await new Promise((r) => setTimeout(r, 1_000));
    const rssBefore = rss(pid);
    for (let i = 0; i < CLIENTS; i++) clients.push(fork(new URL(import.meta.url).pathname, ["--client"], { execArgv: ["--import", "tsx"] }));
    const started = performance.now();
    const opened = await Promise.all(
      clients.map((c, i) => ask(c, { kind: "open", origin: target.origin, channel, cookies: tokens.filter((_, j) => j % CLIENTS === i).map((t) => `gw_session=${t}`) })),
    );
    const rampMs = performance.now() - started;
    const ok = opened.reduce((s, o) => s + (o.kind === "opened" ? o.ok : 0), 0);
    await new Promise((r) => setTimeout(r, 2_000));
    const rssAfter = rss(pid);

    const cpuBefore = cpuMs(pid);
    for (let seq = 0; seq < PUBLISHES; seq++) {
      await publish(channel, { type: "bench.tick", data: { t: Date.now(), seq } });
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const cpuAfter = cpuMs(pid);
    await new Promise((r) => setTimeout(r, 2_000));
    const reports = (await Promise.all(clients.map((c) => ask(c, { kind: "report" })))) as Extract<FromClient, { kind: "report" }>[];
    const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const received = reports.reduce((s, r) => s + r.received, 0);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    const mb = (b: number | null) => (b === null ? "?" : `${(b / 1024 / 1024).toFixed(0)} MB`);
    return [
      String(n),
      `${(rampMs / 1000).toFixed(1)} s`,
      `${ok}/${n}`,
      `${mb(rssBefore)} → ${mb(rssAfter)}`,
      rssBefore !== null && rssAfter !== null && ok > 0 ? `${((rssAfter - rssBefore) / ok / 1024).toFixed(1)} KB` : "?",
      `${((100 * received) / (ok * PUBLISHES)).toFixed(1)}%`,
      `${at(0.5).toFixed(0)} ms`,
      `${at(0.99).toFixed(0)} ms`,
      `${(latencies.at(-1) ?? NaN).toFixed(0)} ms`,
      cpuBefore !== null && cpuAfter !== null ? `${((cpuAfter - cpuBefore) / PUBLISHES).toFixed(0)} ms` : "?",
    ];
  } finally {
    for (const c of clients) c.kill();
    await admin.end();
    // Let the server notice the closed streams before the next size opens its own.
    await new Promise((r) => setTimeout(r, 3_000));
  }
}

/** Every thread of `pid` onto `cpus` (taskset -a), failing loudly rather than measuring unpinned. */
function pin(pid: number, cpus: string): void {
  const result = spawnSync("taskset", ["-a", "-cp", cpus, String(pid)], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`taskset -a -cp ${cpus} ${pid} failed: ${result.error?.message ?? result.stderr}`);
}

/** User + system CPU time of `pid` (all threads) so far, in ms; per publish it includes the 1 s idle between publishes (heartbeat timer only). */
function cpuMs(pid: number | null): number | null {
  if (!pid) return null;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function rss(pid: number | null): number | null {
  if (!pid) return null;
  const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return kb ? Number(kb) * 1024 : null;
}

function ask(child: ChildProcess, message: ToClient): Promise<FromClient> {
  return new Promise((resolve) => {
    child.once("message", (reply) => resolve(reply as FromClient));
    child.send(message);
  });
}

/** A load client: opens its share of the streams, records arrival − t for every bench event. */
function runClient() {
  const latencies: number[] = [];
  let received = 0;
  let gaps = 0;
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  process.on("message", async (message: ToClient) => {
    if (message.kind === "report") return process.send!({ kind: "report", latencies, received, gaps } satisfies FromClient);
    const started = performance.now();
    let ok = 0;
    let failed = 0;
    const queue = [...message.cookies];
    const openOne = (cookie: string) =>
      new Promise<void>((resolve) => {
        let lastSeq = -1;
        let buffer = "";
        let ready = false;
        const req = http.get(`${message.origin}/api/realtime?channels=${message.channel}`, { agent, headers: { cookie } }, (res) => {
          if (res.statusCode !== 200) {
            failed++;
            res.resume();
            return resolve();
          }
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            const now = Date.now();
            buffer += chunk;
            let end;
            while ((end = buffer.indexOf("\n\n")) !== -1) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              if (!ready && frame.includes("event: realtime.ready")) {
                ready = true;
                ok++;
                resolve();
                continue;
              }
              const data = frame.indexOf('data: {"type":"bench.tick"');
              if (data === -1) continue;
              const body = JSON.parse(frame.slice(data + 6)) as { data: { t: number; seq: number } };
              latencies.push(now - body.data.t);
              received++;
              if (body.data.seq !== lastSeq + 1) gaps++;
              lastSeq = body.data.seq;
            }
          });
        });
        req.on("error", () => {
          failed++;
          resolve();
        });
      });
    await Promise.all(
      Array.from({ length: RAMP_CONCURRENCY }, async () => {
        for (let cookie = queue.shift(); cookie; cookie = queue.shift()) await openOne(cookie);
      }),
    );
    process.send!({ kind: "opened", ok, failed, ms: performance.now() - started } satisfies FromClient);
  });
}
