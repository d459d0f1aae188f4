import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { feedbackPosts, users, type PostStatus } from "@/server/db/schema";
import type { PostSort } from "../schemas";

/** Trending half-life: a vote counts half as much after this long (decision 011). */
export const TRENDING_HALF_LIFE_SECONDS = 3 * 24 * 60 * 60;
/** x(t) = t / half-life, in the units `feedback_posts.trending` is stored in. */
export const trendingAt = (column: SQL | string) => sql`(extract(epoch from ${typeof column === "string" ? sql.raw(column) : column}) / ${sql.raw(String(TRENDING_HALF_LIFE_SECONDS))})`;
export const trendingOf = (at: Date) => at.getTime() / 1000 / TRENDING_HALF_LIFE_SECONDS;

/** Exact counts up to here; past it the planner's estimate (decision 011). */
export const EXACT_TOTAL_UP_TO = 1000;

export type PostFilters = { boardId: string; workspaceId: string; held: boolean; status?: PostStatus | null; tag?: string | null; q?: string | null };

/**
 * The list's WHERE clause. The moderation state is a literal, not a parameter, so the planner
 * can match the partial indexes (`where moderation = 'visible'`) even for a prepared statement.
 */
export function postFilters(f: PostFilters): SQL {
  return and(
    eq(feedbackPosts.boardId, f.boardId),
    eq(feedbackPosts.workspaceId, f.workspaceId),
    sql`${feedbackPosts.moderation} = ${sql.raw(f.held ? "'held'" : "'visible'")}`,
    f.status ? eq(feedbackPosts.status, f.status) : undefined,
    f.tag ? sql`${feedbackPosts.tags} @> array[${f.tag}::text]` : undefined,
    f.q ? sql`${feedbackPosts.search} @@ websearch_to_tsquery('english', ${f.q}::text)` : undefined,
  )!;
}

export type Cursor = { sort: PostSort; pinned: boolean; key: number | null; id: string };
const SORT_KEY = { new: null, top: feedbackPosts.voteCount, trending: feedbackPosts.trending } as const;

/** Pinned first, then the sort key, then id: one row comparison the matching index serves. */
function keyset(sort: PostSort, cursor: Cursor | null): { after: SQL | undefined; order: SQL } {
  const key = SORT_KEY[sort];
  const order = key ? sql`${feedbackPosts.pinned} desc, ${key} desc, ${feedbackPosts.id} desc` : sql`${feedbackPosts.pinned} desc, ${feedbackPosts.id} desc`;
  if (!cursor) return { after: undefined, order };
  const cast = sort === "top" ? sql`::int` : sql`::float8`;
  const after = key
    ? sql`(${feedbackPosts.pinned}, ${key}, ${feedbackPosts.id}) < (${cursor.pinned}::boolean, ${cursor.key}${cast}, ${cursor.id}::uuid)`
    : sql`(${feedbackPosts.pinned}, ${feedbackPosts.id}) < (${cursor.pinned}::boolean, ${cursor.id}::uuid)`;
  return { after, order };
}

export const summaryColumns = (viewerId: string | null) => ({
  id: feedbackPosts.id,
  boardId: feedbackPosts.boardId,
  title: feedbackPosts.title,
  bodyStart: sql<string>`left(${feedbackPosts.body}, 400)`,
  status: feedbackPosts.status,
  tags: feedbackPosts.tags,
  voteCount: feedbackPosts.voteCount,
  trending: feedbackPosts.trending,
  commentCount: feedbackPosts.commentCount,
  pinned: feedbackPosts.pinned,
  commentsLocked: feedbackPosts.commentsLocked,
  moderation: feedbackPosts.moderation,
  authorId: feedbackPosts.authorId,
  authorName: users.displayName,
  viewerHasVoted: viewerId
    ? sql<boolean>`exists (select 1 from feedback_votes v where v.post_id = "feedback_posts"."id" and v.user_id = ${viewerId}::uuid)`
    : sql<boolean>`false`,
  createdAt: feedbackPosts.createdAt,
});
export type SummaryRow = Awaited<ReturnType<typeof selectPostsPage>>[number];

/** One page plus one row, which says whether there is a next page. Returns the builder, so bench/ can EXPLAIN it. */
export function selectPostsPage(db: DbOrTx, f: PostFilters, opts: { sort: PostSort; cursor: Cursor | null; limit: number; viewerId: string | null }) {
  const { after, order } = keyset(opts.sort, opts.cursor);
  return db
    .select(summaryColumns(opts.viewerId))
    .from(feedbackPosts)
    .leftJoin(users, eq(users.id, feedbackPosts.authorId))
    .where(and(postFilters(f), after))
    .orderBy(order)
    .limit(opts.limit + 1);
}

export function cursorOf(sort: PostSort, row: SummaryRow): Cursor {
  return { sort, pinned: row.pinned, key: sort === "top" ? row.voteCount : sort === "trending" ? row.trending : null, id: row.id };
}

/**
 * Exact while the matching set is small (counting at most EXACT_TOTAL_UP_TO + 1 index
 * entries), else the planner's row estimate — no scan of a million rows for a label.
 */
export const cappedCountSql = (f: PostFilters) => sql`select count(*)::int as n from (select 1 from ${feedbackPosts} where ${postFilters(f)} limit ${EXACT_TOTAL_UP_TO + 1}) s`;

export async function countPosts(db: DbOrTx, f: PostFilters): Promise<{ value: number; exact: boolean }> {
  const where = postFilters(f);
  const [row] = (await db.execute(cappedCountSql(f))) as unknown as { n: number }[];
  const n = row?.n ?? 0;
  if (n <= EXACT_TOTAL_UP_TO) return { value: n, exact: true };
  const plan = (await db.execute(sql`explain (format json) select 1 from ${feedbackPosts} where ${where}`)) as unknown as { "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[];
  const estimate = Math.round(plan[0]?.["QUERY PLAN"][0].Plan["Plan Rows"] ?? 0);
  return { value: Math.max(estimate, EXACT_TOTAL_UP_TO + 1), exact: false };
}

/**
 * How many trigram matches are ranked. A common word ("export") can match a tenth of a big
 * board; ranking every match costs a heap visit each (800 ms at a million posts), ranking the
 * first few hundred costs tens of ms and still surfaces close duplicates (decision 011).
 */
export const SIMILAR_CANDIDATES = 300;

/** Titles like `title` on the board (pg_trgm word similarity, served by the trigram index). */
export function selectSimilarPosts(db: DbOrTx, where: { boardId: string; workspaceId: string }, title: string) {
  const candidates = db
    .select({ id: feedbackPosts.id, title: feedbackPosts.title, status: feedbackPosts.status, voteCount: feedbackPosts.voteCount })
    .from(feedbackPosts)
    .where(
      and(
        eq(feedbackPosts.boardId, where.boardId),
        eq(feedbackPosts.workspaceId, where.workspaceId),
        sql`${feedbackPosts.moderation} = 'visible'`,
        sql`${title}::text <% ${feedbackPosts.title}`,
      ),
    )
    .limit(SIMILAR_CANDIDATES)
    .as("candidates");
  return db
    .select()
    .from(candidates)
    .orderBy(desc(sql`word_similarity(${title}::text, ${candidates.title})`), desc(candidates.voteCount))
    .limit(5);
}
