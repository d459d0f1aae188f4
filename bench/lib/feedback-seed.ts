/**
 * Set-based seeding for bench/feedback.ts: every row comes from generate_series in a handful
 * of INSERT … SELECT statements on one connection. Indexes on the two big tables are dropped
 * first and rebuilt after (one sorted build beats ten million incremental inserts), and
 * foreign-key triggers are skipped for the load (session_replication_role = replica): the
 * generator produces consistent rows by construction.
 */
import postgres from "postgres";

export type BenchWorld = { workspaceId: string; boardId: string; userIds: string[]; samplePostIds: string[]; posts: number; votes: number; seeded: boolean };

const USERS = 20_000;
/** Same as TRENDING_HALF_LIFE_SECONDS in features/feedback/server/post-queries.ts. */
const HALF_LIFE = 3 * 24 * 60 * 60;
const A = ["Dark mode", "Export", "Slack", "Keyboard shortcuts", "Single sign-on", "Webhooks", "Bulk edit", "Mobile app", "Search", "Invoices"];
const B = ["for the dashboard", "as CSV", "notifications", "for power users", "with Okta", "on status change", "for posts", "offline mode", "in comments", "as PDF", "in the API", "for teams", "on Android", "with filters", "per workspace"];
const C = ["Our team asks for this every week.", "It would save hours of manual work.", "Competitors already have it.", "Blocking our rollout to more teams.", "Nice to have, not urgent.", "We export to spreadsheets today.", "Accounting needs this for month end.", "Support gets tickets about it."];
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`;

export async function seedFeedbackBench(opts: { posts: number; log: (line: string) => void; url?: string }): Promise<BenchWorld> {
  const sql = postgres(opts.url ?? process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    const existing = await sql<{ id: string; workspace_id: string }[]>`select id, workspace_id from feedback_boards where slug = 'bench'`;
    if (existing[0]) return await describe(sql, existing[0].workspace_id, existing[0].id, false);
    const step = async (label: string, run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      opts.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    };
    const N = opts.posts;
    const now = new Date();
    await sql`set session_replication_role = replica`;
    await sql`set maintenance_work_mem = '1GB'`;
    await sql`set work_mem = '256MB'`;
    await sql`set max_parallel_maintenance_workers = 2`;
    await sql`select setseed(0.42)`;

    await step(`${USERS.toLocaleString("en")} users`, () => sql.unsafe(`
      insert into users (id, email, display_name, password_hash, email_verified_at)
      select gen_random_uuid(), 'bench-' || g || '@bench.test', 'Bench user ' || g, 'not-a-password-hash', now() from generate_series(1, ${USERS}) g`));
    await sql.unsafe(`create temp table bench_users as select (row_number() over (order by id) - 1)::int as n, id from users where email like 'bench-%@bench.test'`);
    await sql.unsafe(`create unique index on bench_users (n)`);
    const [ws] = await sql<{ id: string }[]>`insert into workspaces (id, slug, name) values (gen_random_uuid(), 'bench', 'Bench') returning id`;
    await sql`insert into memberships (workspace_id, user_id, role) select ${ws!.id}, id, 'owner' from bench_users where n = 0`;
    const [board] = await sql<{ id: string }[]>`insert into feedback_boards (id, workspace_id, slug, name, visibility) values (gen_random_uuid(), ${ws!.id}, 'bench', 'Bench board', 'public') returning id`;
    await sql`insert into feedback_tags (id, workspace_id, board_id, slug, name) select gen_random_uuid(), ${ws!.id}, ${board!.id}, t, initcap(t) from unnest(array['billing', 'api', 'mobile']) t`;

    const indexes = await sql<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes
      where tablename in ('feedback_posts', 'feedback_votes') and indexname not in (select conname from pg_constraint)`;
    for (const i of indexes) await sql.unsafe(`drop index ${i.indexname}`);

    // One row per post: its time (spread over a year), a UUIDv7 id from that time, and how many votes it gets
    // (skewed: most posts a handful, every 10,007th a pile of 2,000; about 10 on average).
    await step("plan", () => sql.unsafe(`
      create temp table bench_plan as
      select g, ts as created_at,
        (lpad(to_hex((extract(epoch from ts) * 1000)::bigint), 12, '0') || '7' || substr(h, 1, 3) || '8' || substr(h, 4, 15))::uuid as id,
        case when g % 10007 = 0 then 2000 else floor(40 * power(r, 3))::int end as k
      from (
        select g, timestamptz '${now.toISOString()}' - ((${N} - g) * (365 * 86400.0 / ${N})) * interval '1 second' as ts, md5(g::text) as h, random() as r
        from generate_series(1, ${N}) g
      ) s`));

    await step(`${N.toLocaleString("en")} posts`, () => sql.unsafe(`
      insert into feedback_posts (id, workspace_id, board_id, author_id, title, body, tags, status, vote_count, trending, created_at, updated_at)
      select p.id, '${ws!.id}', '${board!.id}', u.id,
        (${arr(A)})[1 + p.g % 10] || ' ' || (${arr(B)})[1 + (p.g / 10) % 15] || ' #' || p.g,
        'We would like ' || lower((${arr(A)})[1 + p.g % 10]) || ' ' || (${arr(B)})[1 + (p.g / 10) % 15] || '. ' || (${arr(C)})[1 + (p.g / 150) % 8],
        case when p.g % 5 = 0 then array['billing'] when p.g % 7 = 0 then array['api'] when p.g % 11 = 0 then array['mobile'] else '{}'::text[] end,
        case when (p.g * 31) % 100 < 60 then 'open' when (p.g * 31) % 100 < 75 then 'under_review' when (p.g * 31) % 100 < 85 then 'planned'
             when (p.g * 31) % 100 < 90 then 'in_progress' when (p.g * 31) % 100 < 97 then 'done' else 'closed' end,
        p.k,
        -- creation + k votes evenly spaced until now: a geometric series in closed form (decision 011).
        t.xc + case when p.k = 0 then 0 when t.d < 1e-9 then ln(1 + p.k) / ln(2)
                    else ln(1 + power(2::float8, t.d) * (power(2::float8, p.k * t.d) - 1) / (power(2::float8, t.d) - 1)) / ln(2) end,
        p.created_at, p.created_at
      from bench_plan p
      join bench_users u on u.n = p.g % ${USERS}
      cross join lateral (select extract(epoch from p.created_at) / ${HALF_LIFE} as xc,
                                 (extract(epoch from timestamptz '${now.toISOString()}') - extract(epoch from p.created_at)) / ${HALF_LIFE} / (p.k + 1) as d) t`));

    // Voter j of post g is user (g·7919 + j·104729) mod 20,000: distinct for j < 20,000 (104,729 is prime).
    await step("votes", () => sql.unsafe(`
      insert into feedback_votes (workspace_id, post_id, user_id, created_at)
      select '${ws!.id}', p.id, u.id, p.created_at + (timestamptz '${now.toISOString()}' - p.created_at) * ((j + 1)::float8 / (p.k + 1))
      from bench_plan p
      cross join lateral generate_series(0, p.k - 1) j
      join bench_users u on u.n = ((p.g::bigint * 7919 + j::bigint * 104729) % ${USERS})::int`));

    await step(`${indexes.length} indexes rebuilt`, async () => {
      for (const i of indexes) await sql.unsafe(i.indexdef);
    });
    await sql`set session_replication_role = origin`;
    await step("vacuum analyze", () => sql.unsafe(`vacuum (analyze) feedback_posts, feedback_votes, users`));
    return await describe(sql, ws!.id, board!.id, true);
  } finally {
    await sql.end();
  }
}

async function describe(sql: postgres.Sql, workspaceId: string, boardId: string, seeded: boolean): Promise<BenchWorld> {
  const users = await sql<{ id: string }[]>`select id from users where email like 'bench-%@bench.test' order by id`;
  const sample = await sql<{ id: string }[]>`select id from feedback_posts tablesample system (1) repeatable (7) where board_id = ${boardId} limit 5000`;
  const [counts] = await sql<{ posts: number; votes: number }[]>`
    select (select count(*)::int from feedback_posts where board_id = ${boardId}) as posts, (select count(*)::int from feedback_votes where workspace_id = ${workspaceId}) as votes`;
  return { workspaceId, boardId, userIds: users.map((u) => u.id), samplePostIds: sample.map((s) => s.id), posts: counts!.posts, votes: counts!.votes, seeded };
}
