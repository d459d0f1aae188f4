/**
 * Admin search at scale: seeds 1,000,000 users (set-based SQL: generate_series) and ~100,000
 * workspaces into an embedded Postgres (durable settings), then times the app's own
 * `searchUsers` / `searchWorkspaces` operations in-process for the queries support types:
 * an exact address, an address prefix, a fragment inside addresses, a name, an id, a rare
 * fragment, and the next keyset page. Prints p50/p95 per query kind (target p95 < 50 ms) and the
 * plans. Prints figures, asserts nothing.
 *
 * Run: npm run bench:admin [-- --users 1000000 --samples 100 --reuse --prepare]
 * (`--prepare`: named prepared statements, DATABASE_PREPARE=1, as on a direct connection; after
 * five runs Postgres may reuse a generic plan, which can't see the LIKE patterns.)
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { startEmbeddedPostgres } from "../tools/embedded-postgres";
import { migrateDatabase } from "../src/server/db/migrate";
import { hermeticEnv } from "../src/lib/env-keys";

const { values: args } = parseArgs({ options: { users: { type: "string", default: "1000000" }, samples: { type: "string", default: "100" }, reuse: { type: "boolean", default: false }, prepare: { type: "boolean", default: false } } });
const USERS = Number(args.users);
const SAMPLES = Number(args.samples);
const GOAL_MS = 50;

const dataDir = args.reuse ? path.resolve(".data/bench-admin") : path.join(os.tmpdir(), `groundwork-bench-admin-${process.pid}`);
const embedded = await startEmbeddedPostgres({ dataDir, database: "bench", ephemeral: !args.reuse, fast: false });
Object.assign(process.env, hermeticEnv({ DATABASE_URL: embedded.url, LOG_LEVEL: "silent", NODE_ENV: "production", APP_SECRET: "bench-secret-bench-secret-bench-secret-0000", DATABASE_POOL_MAX: "4", DATABASE_PREPARE: args.prepare ? "1" : "" }));
await migrateDatabase(embedded.url);

const FIRST = ["ada", "grace", "alan", "edsger", "barbara", "donald", "margaret", "ken", "dennis", "linus", "guido", "james", "anders", "bjarne", "niklaus", "john", "frances", "radia", "tim", "vint"];
const LAST = ["lovelace", "hopper", "turing", "dijkstra", "liskov", "knuth", "hamilton", "thompson", "ritchie", "torvalds", "rossum", "gosling", "hejlsberg", "stroustrup", "wirth", "backus", "allen", "perlman", "berners", "cerf"];
const DOMAINS = ["example.com", "acme.test", "mail.test", "corp.example", "startup.io"];

const admin = postgres(embedded.url, { max: 1, onnotice: () => {} });
const existing = (await admin<{ n: number }[]>`select count(*)::int as n from users`)[0]!.n;
const seedStarted = performance.now();
if (existing < USERS) {
  console.log(`Seeding ${(USERS - existing).toLocaleString("en")} users and ${Math.round(USERS / 10).toLocaleString("en")} workspaces…`);
  const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(",")}]`;
  // UUIDv7 from the row's creation time, as the app makes them (src/lib/ids.ts): ids then follow
  // the table's physical order, which keyset pages by id rely on. (Random v4 ids made every
  // "newest first" scan read a random heap page per row: 30 ms for a next page, cold.)
  const uuidv7 = (at: string) => `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send((extract(epoch from ${at}) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;
  await admin.unsafe(`
    insert into users (id, email, display_name, password_hash, email_verified_at, created_at, updated_at)
    select ${uuidv7("now() - (i || ' seconds')::interval")},
           (${arr(FIRST)})[1 + i % 20] || '.' || (${arr(LAST)})[1 + (i / 20) % 20] || '.' || i || '@' || (${arr(DOMAINS)})[1 + i % 5],
           initcap((${arr(FIRST)})[1 + i % 20]) || ' ' || initcap((${arr(LAST)})[1 + (i / 20) % 20]) || ' ' || i,
           'bench-not-a-hash', now(), now() - (i || ' seconds')::interval, now()
    from generate_series(${existing + 1}, ${USERS}) as s(i)`);
  await admin.unsafe(`
    insert into workspaces (id, slug, name, created_at, updated_at)
    select ${uuidv7("now() - (i || ' seconds')::interval")}, (${arr(LAST)})[1 + i % 20] || '-team-' || i, initcap((${arr(LAST)})[1 + i % 20]) || ' Team ' || i, now() - (i || ' seconds')::interval, now()
    from generate_series(1, ${Math.round(USERS / 10)}) as s(i)
    on conflict do nothing`.replace("insert into workspaces", "set session_replication_role = replica; insert into workspaces"));
  await admin.unsafe("set session_replication_role = origin");
  await admin.unsafe("analyze users");
  await admin.unsafe("analyze workspaces");
}
const seedSeconds = (performance.now() - seedStarted) / 1000;

const { db } = await import("../src/server/db/client");
const { searchUsers } = await import("../src/features/admin/server/search-users");
const { searchWorkspaces } = await import("../src/features/admin/server/search-workspaces");
const { searchInput } = await import("../src/features/admin/schemas");

const ids = (await admin<{ id: string }[]>`select id from users tablesample system (1) limit ${SAMPLES}`).map((r) => r.id);
const emails = (await admin<{ email: string }[]>`select email from users where id = any(${ids}::uuid[])`).map((r) => r.email);
const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;

type Case = { label: string; run: (i: number) => Promise<unknown> };
const users = (query: string, cursor?: string | null) => searchUsers(searchInput.parse({ query, cursor, limit: 25 }), db);
// nextPages[i] is a cursor for the surname pick(LAST, i): page 2 for the first 20, page 3 for the next 20, …
const nextPages: string[] = [];
for (let page = 2; page <= 6; page++) {
  for (let i = 0; i < LAST.length; i++) nextPages.push((await users(LAST[i]!, nextPages[nextPages.length - LAST.length])).nextCursor!);
}
const cases: Case[] = [
  { label: "users: exact address", run: (i) => users(pick(emails, i)) },
  { label: "users: address prefix (grace.hop)", run: (i) => users(`${pick(FIRST, i)}.${pick(LAST, i * 3).slice(0, 3)}`) },
  { label: "users: common fragment (hopper)", run: (i) => users(pick(LAST, i)) },
  { label: "users: rare fragment (.12345@)", run: (i) => users(`.${(i * 7919) % USERS}@`) },
  { label: "users: name (Grace Hopper 4711)", run: (i) => users(`${pick(FIRST, i)} ${pick(LAST, i)} ${(i * 104729) % USERS}`) },
  { label: "users: id", run: (i) => users(pick(ids, i)) },
  // The page a user asks for with the cursor they hold (pages 2–6 of each surname; the cursors are made before timing).
  { label: "users: next page (fragment)", run: (i) => users(pick(LAST, i), pick(nextPages, i)) },
  { label: "users: no such fragment", run: (i) => users(`zzq${i}x`) },
  { label: "workspaces: name fragment", run: (i) => searchWorkspaces(searchInput.parse({ query: `${pick(LAST, i)} team ${i * 13}`, limit: 25 }), db) },
  { label: "workspaces: common fragment", run: (i) => searchWorkspaces(searchInput.parse({ query: pick(LAST, i), limit: 25 }), db) },
];

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}
const rows: string[][] = [];
const loadAtStart = os.loadavg()[0]!.toFixed(1);
for (const c of cases) {
  await c.run(0); // warm
  const samples: number[] = [];
  for (let i = 1; i <= SAMPLES; i++) {
    const started = performance.now();
    await c.run(i);
    samples.push(performance.now() - started);
  }
  const s = stats(samples);
  rows.push([c.label, String(SAMPLES), `${s.p50.toFixed(2)} ms`, `${s.p95.toFixed(2)} ms`, `${s.max.toFixed(1)} ms`, s.p95 < GOAL_MS ? `ok (< ${GOAL_MS})` : `MISSED (< ${GOAL_MS})`]);
}

console.log(`\nAdmin search — ${USERS.toLocaleString("en")} users, seeded in ${seedSeconds.toFixed(0)} s, ${os.cpus().length} cores, load ${loadAtStart} at start, ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} (1/5/15 min) at end, ${args.prepare ? "named prepared statements" : "unnamed statements"}`);
const header = ["query", "n", "p50", "p95", "max", "goal p95"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [header, ...rows]) console.log(r.map((cell, i) => cell.padEnd(widths[i]!)).join("  "));

const address = "john.thompson.118155@example.com";
const { selectiveNeedle, trigramFrequencies } = await import("../src/features/admin/server/search-needle");
const frequencies = await trigramFrequencies(db);
console.log(`\nneedles (the part the trigram index looks up): ${[address, "grace hopper 4711", "hopper", ".4242@"].map((q) => `${q} → ${selectiveNeedle(q, frequencies.email)} / ${selectiveNeedle(q, frequencies.name)}`).join("; ")}`);
const prefixOf = (q: string) => `email not like '${q}%'`;
for (const [label, q] of [
  ["prefix", `select id from users where email like 'grace.hop%' order by email limit 26`],
  ["an address: the reversed local part, ids collected first", `select id from users where id = any(array(select id from users where ${prefixOf(address)} and ((reverse(split_part(email, '@', 1)) like '551811.nospmoht.nhoj%' and strpos(email, '${address}') > 0) or (lower(display_name) like '%example%' and strpos(lower(display_name), '${address}') > 0)))) order by id desc limit 26`],
  ["the same address whole through the trigram index (before 0024 was used)", `select id from users where ${prefixOf(address)} and (email like '%${address}%' or lower(display_name) like '%${address}%') order by id desc limit 26`],
  ["a common word: the newest rows walked", `select u.id from (select id, email, display_name from users order by id desc limit 5000) recent join users u on u.id = recent.id where recent.${prefixOf("lovelace")} and (recent.email like '%lovelace%' or lower(recent.display_name) like '%lovelace%') order by recent.id desc limit 26`],
  ["the same word left to the planner (before)", `select id from users where ${prefixOf("lovelace")} and (email like '%lovelace%' or lower(display_name) like '%lovelace%') order by id desc limit 26`],
] as const) {
  console.log(`\nplan (${label}):`);
  for (const line of await admin.unsafe(`explain (analyze, buffers) ${q}`)) console.log(`  ${(line as Record<string, string>)["QUERY PLAN"]}`);
}
await admin.end();
await embedded.stop();
process.exit(0);
