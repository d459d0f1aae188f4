/**
 * `npm run chaos`: the operator's fault run from issue 15, repeatable. Starts a Postgres
 * cluster (embedded binaries), Debian's PgBouncer in transaction mode in front of it, and two
 * `next start` instances of the built app (DATABASE_URL = the pooler, DATABASE_DIRECT_URL =
 * the server). Then, for DURATION seconds, a client that behaves like an SDK (fails over to the
 * other instance when one refuses connections, retries a POST with the same Idempotency-Key
 * after a 503 or a dropped connection) sends REST writes (posts, comments, votes, paced under
 * the per-IP write limits) and reads (as fast as CONCURRENCY allows) to both. Faults:
 *   - at 1/3: Postgres is stopped and restarted (RESTART_DOWN_MS later);
 *   - at 2/3: instance A is killed with SIGKILL while it builds a data export.
 * Prints requests failed (by status), the longest stall, acknowledged writes missing (must be
 * 0), the time to recover after the restart, and what became of the interrupted export.
 *
 *   npm run build && npm run chaos [-- --duration 30 --concurrency 8]
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { ensureBuild, gitCommit } from "../bench/lib/server";
import { hermeticEnv } from "../src/lib/env-keys";
import { migrateDatabase } from "../src/server/db/migrate";
import { findFreePort, startEmbeddedPostgres, type EmbeddedPostgres } from "../tools/embedded-postgres";
import { pgbouncerUnavailable, startPgBouncer } from "../tools/pgbouncer";

const { values: args } = parseArgs({
  options: { duration: { type: "string", default: "30" }, concurrency: { type: "string", default: "8" }, "restart-down-ms": { type: "string", default: "3000" } },
});
const DURATION_MS = Number(args.duration) * 1000;
const CONCURRENCY = Number(args.concurrency);
const RESTART_DOWN_MS = Number(args["restart-down-ms"]);
const PEPPER = "chaos-api-key-pepper-chaos-api-key-pepper-000000";
const SECRET = "chaos-app-secret-chaos-app-secret-chaos-0000000";

const unavailable = pgbouncerUnavailable();
if (unavailable) {
  console.error(`chaos: ${unavailable}`);
  process.exit(2);
}
ensureBuild();

const cleanup: Array<() => Promise<void>> = [];
async function shutdown() {
  for (const step of cleanup.reverse()) await step().catch(() => {});
}
process.once("SIGINT", () => void shutdown().then(() => process.exit(130)));
// A crash must not leave Postgres, PgBouncer and two servers behind.
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.once(event, (error: unknown) => {
    console.error(error);
    void shutdown().then(() => process.exit(1));
  });
}

const logOf = (name: string) => path.join(".data", `chaos-${name}.log`);
fs.mkdirSync(".data", { recursive: true });
const dataDir = path.join(os.tmpdir(), `groundwork-chaos-${process.pid}`);
let pg: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir, database: "groundwork", fast: true });
cleanup.push(async () => {
  await pg.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
const pgPort = pg.port;
await migrateDatabase(pg.url);
const bouncer = await startPgBouncer({ serverPort: pgPort, poolSize: 20, settings: { server_login_retry: 1, query_wait_timeout: 10 } });
cleanup.push(async () => {
  fs.copyFileSync(bouncer.logFile, logOf("pgbouncer"));
  await bouncer.stop();
});
const directUrl = pg.url;
const pooledUrl = bouncer.url(directUrl);

// This process arranges the data with the app's own factories, through the pooler too.
Object.assign(process.env, hermeticEnv({ DATABASE_URL: pooledUrl, DATABASE_DIRECT_URL: directUrl, API_KEY_PEPPER: PEPPER, APP_SECRET: SECRET, LOG_LEVEL: "silent", NODE_ENV: "production" }));
const { db, sql } = await import("../src/server/db/client");
const { createUser, createWorkspaceWithMembers, createFeedbackBoard, createFeedbackPost } = await import("../src/server/db/factories");
const { createRandom } = await import("../src/lib/random");
const { workspaces } = await import("../src/server/db/schema");
const { eq } = await import("drizzle-orm");
const { createApiKey } = await import("../src/features/api-keys/server/create-api-key");
const { createSession } = await import("../src/server/auth/session");
const { sessionCookieName } = await import("../src/server/auth/cookies");
cleanup.push(() => sql.end({ timeout: 1 }));

const random = createRandom(15);
const owner = await createUser(db, random);
const authors = await Promise.all(Array.from({ length: 6 }, () => createUser(db, random)));
const workspace = await createWorkspaceWithMembers(db, random, { owner, name: "Chaos Co", members: authors.map((user) => ({ user, role: "member" as const })) });
await db.update(workspaces).set({ plan: "pro" }).where(eq(workspaces.id, workspace.id));
const board = await createFeedbackBoard(db, random, { workspaceId: workspace.id, name: "Chaos board" });
const seedPosts = await Promise.all(Array.from({ length: 20 }, () => createFeedbackPost(db, random, { board, authorId: owner.id })));
const keys = await Promise.all(
  [owner, ...authors].map(async (user, i) => {
    const actor = { userId: user.id, displayName: user.displayName, impersonatorId: null, ip: null, workspace: { ...workspace, role: i === 0 ? ("owner" as const) : ("member" as const) } };
    return (await createApiKey({ name: `chaos ${i}`, environment: "live", scopes: ["boards:read", "posts:read", "posts:write", "comments:write", "votes:write"], rateLimitPerMinute: 100_000, expiresAt: null }, actor, db)).secret;
  }),
);
const userOfKey = new Map(keys.map((key, i) => [key, [owner, ...authors][i]!.id]));
const exporter = await createUser(db, random);
const session = await createSession(db, { userId: exporter.id, ip: "127.0.0.1", userAgent: "chaos", twoFactorVerified: false });

type Instance = { name: string; origin: string; child: ChildProcess; alive: boolean };
async function startInstance(name: string): Promise<Instance> {
  const port = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: hermeticEnv({ DATABASE_URL: pooledUrl, DATABASE_DIRECT_URL: directUrl, DATABASE_POOL_MAX: "10", API_KEY_PEPPER: PEPPER, APP_SECRET: SECRET, APP_URL: origin, LOG_LEVEL: "warn", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }),
    // Their logs go to files (never an undrained pipe: a full pipe blocks the writer).
    stdio: ["ignore", fs.openSync(logOf(name), "w"), fs.openSync(logOf(name), "a")],
  });
  const instance = { name, origin, child, alive: true };
  child.once("exit", () => (instance.alive = false));
  cleanup.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  for (const deadline = Date.now() + 120_000; ; await new Promise((r) => setTimeout(r, 250))) {
    if (await fetch(`${origin}/api/health`).then((r) => r.ok, () => false)) return instance;
    if (Date.now() > deadline || !instance.alive) throw new Error(`instance ${name} did not become healthy`);
  }
}
const instances = [await startInstance("A"), await startInstance("B")];

// --- the client -------------------------------------------------------------------------
type Outcome = { status: number | "connection"; ms: number; at: number; what: string };
const outcomes: Outcome[] = [];
/** 2xx answers whose body was not JSON: acknowledged, but with no id to look for. */
const unreadable: string[] = [];
const acknowledged = { posts: new Set<string>(), comments: new Set<string>(), votes: new Map<string, string>() };
let rr = 0;

/** One HTTP attempt against the next live instance (a load balancer's round robin with failover). */
async function attempt(method: string, route: string, key: string, body?: unknown, idempotencyKey?: string) {
  const live = instances.filter((i) => i.alive);
  const target = live[rr++ % live.length]!;
  const started = performance.now();
  try {
    const res = await fetch(`${target.origin}${route}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}), ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text().catch(() => null);
    if (text === null) throw new Error("connection dropped while the body was read");
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      if (res.ok) unreadable.push(`${res.status} ${method} ${route}: ${text.slice(0, 120)}`);
    }
    outcomes.push({ status: res.status, ms: performance.now() - started, at: Date.now(), what: `${method} ${route} on ${target.name}` });
    return { status: res.status, json };
  } catch {
    outcomes.push({ status: "connection", ms: performance.now() - started, at: Date.now(), what: `${method} ${route} on ${target.name}` });
    return { status: 0, json: null };
  }
}

/** A write as an SDK sends it: same Idempotency-Key on every retry of a 503 or dropped connection. */
async function write(route: string, key: string, body: unknown, method = "POST") {
  const idem = method === "POST" ? crypto.randomUUID() : undefined;
  for (let tries = 0; tries < 20; tries++) {
    const res = await attempt(method, route, key, body, idem);
    if (res.status !== 0 && res.status !== 503 && res.status !== 502) return res;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { status: 0, json: null };
}

const started = Date.now();
const until = started + DURATION_MS;
let writesDone = 0;

async function writer(i: number) {
  // Paced under the per-IP write limits (posts 30, comments 90 per window; votes 600/min).
  for (let n = 0; Date.now() < until; n++) {
    const key = keys[(i + n) % keys.length]!;
    const roll = n % 10;
    if (roll === 0) {
      const res = await write(`/api/v1/boards/${board.id}/posts`, key, { title: `chaos post ${i}-${n}`, body: "written under faults" });
      if (res.status === 201 && res.json) acknowledged.posts.add(res.json.id as string);
    } else if (roll < 4) {
      const res = await write(`/api/v1/posts/${seedPosts[n % seedPosts.length]!.id}/comments`, key, { body: `chaos comment ${i}-${n}` });
      if (res.status === 201 && res.json) acknowledged.comments.add(res.json.id as string);
    } else {
      const post = seedPosts[(i * 7 + n) % seedPosts.length]!;
      const res = await write(`/api/v1/posts/${post.id}/vote`, key, undefined, "PUT");
      if (res.status === 200) acknowledged.votes.set(`${userOfKey.get(key)}|${post.id}`, post.id);
    }
    writesDone++;
    await new Promise((r) => setTimeout(r, 400));
  }
}

async function reader(i: number) {
  for (let n = 0; Date.now() < until; n++) {
    const key = keys[(i + n) % keys.length]!;
    await attempt("GET", n % 2 ? `/api/v1/boards/${board.id}/posts?limit=10` : "/api/v1/me", key);
  }
}

// --- the faults ---------------------------------------------------------------------------
const timeline: string[] = [];
const mark = (what: string) => timeline.push(`+${((Date.now() - started) / 1000).toFixed(1)} s  ${what}`);
let restartedAt = 0;
let exportOutcome = "not attempted";

async function restartPostgres() {
  await new Promise((r) => setTimeout(r, DURATION_MS / 3));
  mark("Postgres stopping (fast shutdown)");
  await pg.stop();
  await new Promise((r) => setTimeout(r, RESTART_DOWN_MS));
  pg = await startEmbeddedPostgres({ dataDir, port: pgPort, database: "groundwork", fast: true });
  restartedAt = Date.now();
  mark("Postgres accepting connections again");
}

/** Asks instance A for an export and kills it with SIGKILL as soon as the build is under way. */
async function killDuringExport() {
  await new Promise((r) => setTimeout(r, (2 * DURATION_MS) / 3));
  const a = instances[0]!;
  const direct = postgres(directUrl, { max: 1, onnotice: () => {} });
  try {
    const res = await fetch(`${a.origin}/api/trpc/exports.request`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `${sessionCookieName()}=${session.token}`, origin: a.origin },
      body: "{}",
    });
    const body = (await res.json()) as { result?: { data?: { json?: { id?: string } } } };
    const exportId = body.result?.data?.json?.id;
    if (!exportId) {
      exportOutcome = `request answered ${res.status}`;
      return;
    }
    // Kill at the first sign of progress (or at once if the build already ran past it).
    for (let i = 0; i < 400; i++) {
      const [row] = await direct<{ status: string; progress: number }[]>`select status, progress from data_exports where id = ${exportId}`;
      if (row && (row.status !== "queued" || i > 200)) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    a.child.kill("SIGKILL");
    const killedAt = Date.now();
    const [atKill] = await direct<{ status: string; progress: number }[]>`select status, progress from data_exports where id = ${exportId}`;
    mark(`instance A killed with SIGKILL; its export was ${atKill?.status} ${atKill?.progress}%`);
    if (atKill?.status === "done") {
      exportOutcome = "finished before the kill landed (no interruption to observe)";
      return;
    }
    // B's in-process scheduler sweeps every 30 s; a running export is stale after 60 s without progress.
    for (const deadline = killedAt + 6 * 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
      const [row] = await direct<{ status: string; error: string | null }[]>`select status, error from data_exports where id = ${exportId}`;
      if (row?.status === "failed") {
        exportOutcome = `was ${atKill?.status} ${atKill?.progress}% when killed; marked failed ${((Date.now() - killedAt) / 1000).toFixed(1)} s later ("${row.error}")`;
        mark(`interrupted export marked failed`);
        break;
      }
    }
    const retry = await fetch(`${instances[1]!.origin}/api/trpc/exports.request`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `${sessionCookieName()}=${session.token}`, origin: instances[1]!.origin },
      body: "{}",
    });
    exportOutcome += `; a new request on B answered ${retry.status}`;
  } finally {
    await direct.end();
  }
}

console.log(`chaos · commit ${gitCommit()} · ${os.cpus().length} CPU(s) · load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} · ${DURATION_MS / 1000} s, ${CONCURRENCY} readers + 3 writers`);
try {
const exportRun = killDuringExport();
await Promise.all([...Array.from({ length: CONCURRENCY }, (_, i) => reader(i)), ...Array.from({ length: 3 }, (_, i) => writer(i)), restartPostgres()]);
mark("load ends");
await exportRun;

// --- the figures ----------------------------------------------------------------------------
const direct = postgres(directUrl, { max: 1, onnotice: () => {} });
const [postsFound] = await direct<{ n: number }[]>`select count(*)::int as n from feedback_posts where id = any(${[...acknowledged.posts]}::uuid[])`;
const [commentsFound] = await direct<{ n: number }[]>`select count(*)::int as n from feedback_comments where id = any(${[...acknowledged.comments]}::uuid[])`;
const votePairs = [...acknowledged.votes.keys()].map((k) => k.split("|"));
const [votesFound] = await direct<{ n: number }[]>`
  select count(*)::int as n from feedback_votes v
  join unnest(${votePairs.map((p) => p[0]!)}::uuid[], ${votePairs.map((p) => p[1]!)}::uuid[]) as a(user_id, post_id) on a.user_id = v.user_id and a.post_id = v.post_id`;
await direct.end();
const missing = acknowledged.posts.size - postsFound!.n + (acknowledged.comments.size - commentsFound!.n) + (acknowledged.votes.size - votesFound!.n);

const byStatus = new Map<string, number>();
for (const o of outcomes) byStatus.set(String(o.status), (byStatus.get(String(o.status)) ?? 0) + 1);
const failed = outcomes.filter((o) => o.status === "connection" || (typeof o.status === "number" && o.status >= 500));
const longest = outcomes.reduce((m, o) => Math.max(m, o.ms), 0);
// Recovered: from Postgres accepting connections again to the first of 20 consecutive successes.
const after = outcomes.filter((o) => o.at >= restartedAt).sort((x, y) => x.at - y.at);
let recoveredAt: number | null = null;
for (let i = 0, run = 0; i < after.length; i++) {
  run = typeof after[i]!.status === "number" && (after[i]!.status as number) < 500 ? run + 1 : 0;
  if (run === 1) recoveredAt = after[i]!.at;
  if (run >= 20) break;
  if (run === 0) recoveredAt = null;
}

console.log(`\nlogs: ${logOf("A")}, ${logOf("B")}, ${logOf("pgbouncer")}`);
console.log("\ntimeline");
for (const line of timeline) console.log(`  ${line}`);
console.log("\nfigures");
console.log(`  requests                       ${outcomes.length} (${[...byStatus].map(([s, n]) => `${s}: ${n}`).join(", ")})`);
console.log(`  requests failed                ${failed.length} (5xx answers and dropped connections, before the client's retries)`);
console.log(`  writes acknowledged            ${acknowledged.posts.size} posts, ${acknowledged.comments.size} comments, ${acknowledged.votes.size} votes (${writesDone} write calls)`);
console.log(`  acknowledged writes missing    ${missing}`);
console.log(`  longest stall                  ${(longest / 1000).toFixed(2)} s (slowest single request)`);
console.log(`  time to recover                ${recoveredAt ? `${((recoveredAt - restartedAt) / 1000).toFixed(2)} s after Postgres was back` : "did not recover"}`);
console.log(`  interrupted export             ${exportOutcome}`);
if (unreadable.length) console.log(`  2xx without a JSON body       ${unreadable.length}: ${unreadable.slice(0, 3).join(" | ")}`);
if (process.env.CHAOS_VERBOSE) {
  console.log("\nslowest requests");
  for (const o of [...outcomes].sort((x, y) => y.ms - x.ms).slice(0, 8)) console.log(`  ${(o.ms / 1000).toFixed(2)} s  ${o.status}  ${o.what}  ended +${((o.at - started) / 1000).toFixed(1)} s`);
}

process.exitCode = missing === 0 && unreadable.length === 0 ? 0 : 1;
} finally {
  await shutdown();
}
process.exit();
