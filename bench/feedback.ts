/**
 * Feedback boards at scale: seeds one board with 1,000,000 posts and ~10,000,000 votes
 * (set-based SQL: generate_series, no row-by-row inserts), then times the app's own
 * operations in-process against an embedded Postgres (durable settings: fsync on):
 *   - listPosts, first page and a later keyset page, for each sort × filter;
 *   - setVote toggles (random voter, random post), the whole operation: access check, rate
 *     limits, the one-statement vote, the live event, commit;
 *   - findSimilarPosts (pg_trgm) for typed titles.
 * Then prints EXPLAIN (ANALYZE, BUFFERS) of each hot query as the app sends it. Prints figures,
 * asserts nothing.
 *
 * Run: node --conditions=react-server --import tsx bench/feedback.ts [--posts 1000000] [--samples 200] [--reuse]
 *      (npm run bench:feedback). --reuse keeps the seeded cluster in .data/bench-feedback and
 *      skips seeding when it is already there.
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { startEmbeddedPostgres } from "../tools/embedded-postgres";
import { migrateDatabase } from "../src/server/db/migrate";
import { hermeticEnv } from "../src/lib/env-keys";
import { seedFeedbackBench, type BenchWorld } from "./lib/feedback-seed";

const { values: args } = parseArgs({ options: { posts: { type: "string", default: "1000000" }, samples: { type: "string", default: "200" }, reuse: { type: "boolean", default: false } } });
const POSTS = Number(args.posts);
const SAMPLES = Number(args.samples);

const dataDir = args.reuse ? path.resolve(".data/bench-feedback") : path.join(os.tmpdir(), `groundwork-bench-feedback-${process.pid}`);
const embedded = await startEmbeddedPostgres({ dataDir, database: "bench", ephemeral: !args.reuse, fast: false });
Object.assign(process.env, hermeticEnv({ DATABASE_URL: embedded.url, LOG_LEVEL: "silent", NODE_ENV: "production", APP_SECRET: "bench-secret-bench-secret-bench-secret-0000", DATABASE_POOL_MAX: "4" }));
await migrateDatabase(embedded.url);

const { db, sql: rawSql } = await import("../src/server/db/client");
const { PgDialect } = await import("drizzle-orm/pg-core");
const { listPosts, postListQuery } = await import("../src/features/feedback/server/list-posts");
const { setVote } = await import("../src/features/feedback/server/set-vote");
const { findSimilarPosts } = await import("../src/features/feedback/server/find-similar-posts");
const { selectPostsPage, cappedCountSql, selectSimilarPosts } = await import("../src/features/feedback/server/post-queries");
const { addVoteSql } = await import("../src/features/feedback/server/vote-queries");
const { decodeCursor, postCursor } = await import("../src/features/feedback/server/cursor");

const seedStarted = performance.now();
console.log(`Seeding ${POSTS.toLocaleString("en")} posts (skipped when --reuse finds them)…`);
const world: BenchWorld = await seedFeedbackBench({ posts: POSTS, url: embedded.url, log: (line) => console.log(`  ${line}`) });
const seedSeconds = (performance.now() - seedStarted) / 1000;

// ── timing ──────────────────────────────────────────────────────────────────────────
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}
const rows: string[][] = [];
function record(label: string, samples: number[], goal?: number) {
  const s = stats(samples);
  rows.push([label, String(s.n), `${s.p50.toFixed(2)} ms`, `${s.p95.toFixed(2)} ms`, `${s.max.toFixed(1)} ms`, goal === undefined ? "" : s.p95 < goal ? `ok (< ${goal})` : `MISSED (< ${goal})`]);
}
async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const viewer = (n: number) => ({ userId: world.userIds[n % world.userIds.length]!, displayName: "Bench", impersonatorId: null, ip: null });

const base = { workspaceId: world.workspaceId, boardId: world.boardId, limit: 20, held: false } as const;
const SORTS = ["top", "new", "trending"] as const;
const FILTERS: Record<string, { status?: "planned"; tag?: string; q?: string }> = {
  "no filter": {},
  "status=planned": { status: "planned" },
  "tag=billing": { tag: "billing" },
  'search "export"': { q: "export" },
};

console.log(`\nMeasuring (${SAMPLES} samples each; the machine is shared with other work, so treat tails with care)…`);
const cursors: Record<string, string[]> = {};
for (const sort of SORTS) {
  for (const [name, filter] of Object.entries(FILTERS)) {
    const input = { ...base, sort, ...filter };
    // Warm up, and collect cursors of the first 10 pages for the "later page" samples.
    let cursor: string | null = null;
    const found: string[] = [];
    for (let i = 0; i < 10; i++) {
      const page: Awaited<ReturnType<typeof listPosts>> = await listPosts({ ...input, cursor }, viewer(i), db);
      if (!page.nextCursor) break;
      found.push((cursor = page.nextCursor));
    }
    cursors[`${sort} ${name}`] = found;
    const first: number[] = [];
    const later: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      first.push(await time(() => listPosts(input, viewer(i), db)));
      if (found.length) later.push(await time(() => listPosts({ ...input, cursor: found[i % found.length] }, viewer(i), db)));
    }
    record(`list ${sort}, ${name}, first page`, first, 30);
    if (later.length) record(`list ${sort}, ${name}, pages 2–11`, later, 30);
  }
}

const votes: number[] = [];
for (let i = 0; i < SAMPLES * 5; i++) {
  const postId = world.samplePostIds[Math.floor(rand() * world.samplePostIds.length)]!;
  const who = viewer(Math.floor(rand() * world.userIds.length));
  votes.push(await time(() => setVote({ workspaceId: world.workspaceId, postId, voted: rand() < 0.5 }, who, db)));
}
record("setVote toggle (whole operation)", votes, 10);

const TYPED = ["dark mode", "export csv", "slack notif", "keyboard shortcuts", "single sign", "webhook status", "bulk edit", "mobile app offline", "search comments", "invoice pdf"];
const similar: number[] = [];
for (let i = 0; i < SAMPLES; i++) similar.push(await time(() => findSimilarPosts({ workspaceId: world.workspaceId, boardId: world.boardId, title: TYPED[i % TYPED.length]! }, viewer(i), db)));
record("findSimilarPosts (pg_trgm)", similar);

console.log(`\nSeeded ${world.posts.toLocaleString("en")} posts and ${world.votes.toLocaleString("en")} votes${world.seeded ? ` in ${seedSeconds.toFixed(0)} s` : " (reused from an earlier run)"}.\n`);
const widths = rows[0]!.map((_, i) => Math.max(...[["", "n", "p50", "p95", "max", "goal"], ...rows].map((r) => r[i]!.length)));
for (const r of [["", "n", "p50", "p95", "max", "goal"], ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join("  "));

// ── EXPLAIN of the hot queries, exactly as the app builds them ──────────────────────
const dialect = new PgDialect();
const explainer = postgres(embedded.url, { max: 1, onnotice: () => {} });
class Rollback extends Error {}
/** EXPLAIN ANALYZE runs the statement: inside a transaction that is always rolled back. */
async function explain(label: string, query: { sql: string; params: unknown[] }) {
  let plan: { "QUERY PLAN": string }[] = [];
  await explainer
    .begin(async (tx) => {
      plan = (await tx.unsafe(`explain (analyze, buffers, costs off) ${query.sql}`, query.params as never[])) as unknown as typeof plan;
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  console.log(`\n── ${label}\n${plan.map((r) => `   ${r["QUERY PLAN"]}`).join("\n")}`);
}
const filters = (extra: object) => ({ boardId: world.boardId, workspaceId: world.workspaceId, held: false, ...extra });
for (const sort of SORTS) {
  for (const [name, filter] of Object.entries(FILTERS)) {
    await explain(`list ${sort}, ${name}, first page`, selectPostsPage(db, filters(filter), { sort, cursor: null, limit: 20, viewerId: viewer(1).userId }).toSQL());
  }
  const cursor = decodeCursor(cursors[`${sort} no filter`]?.[5], postCursor, postListQuery(sort, filters({})));
  await explain(`list ${sort}, no filter, page 7 (keyset)`, selectPostsPage(db, filters({}), { sort, cursor, limit: 20, viewerId: viewer(1).userId }).toSQL());
}
for (const [name, filter] of Object.entries(FILTERS)) await explain(`capped count (total), ${name}`, dialect.sqlToQuery(cappedCountSql(filters(filter))));
await explain("vote (one statement)", dialect.sqlToQuery(addVoteSql({ workspaceId: world.workspaceId, postId: world.samplePostIds[0]!, userId: viewer(12345).userId }, new Date())));
await explain('similar posts for "export csv"', selectSimilarPosts(db, { boardId: world.boardId, workspaceId: world.workspaceId }, "export csv").toSQL());

await explainer.end();
await rawSql.end();
await embedded.stop();
