import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { trendingAt } from "./post-queries";

type Where = { workspaceId: string; postId: string; userId: string };

/**
 * Adding or removing a vote is ONE statement: the votes row and the post's count (and
 * trending score) change together. The post row lock serializes concurrent toggles, and the
 * primary key (post_id, user_id) makes a second insert by the same user a no-op, so the
 * count can't drift however many toggles race (decision 010). No row: nothing changed.
 */
export async function addVote(db: DbOrTx, where: Where, at: Date): Promise<number | null> {
  const rows = (await db.execute(addVoteSql(where, at))) as unknown as { vote_count: number }[];
  return rows[0]?.vote_count ?? null;
}

export async function removeVote(db: DbOrTx, where: Where): Promise<number | null> {
  const rows = (await db.execute(removeVoteSql(where))) as unknown as { vote_count: number }[];
  return rows[0]?.vote_count ?? null;
}

export function addVoteSql(where: Where, at: Date) {
  const x = trendingAt("ins.created_at");
  return sql`
    with ins as (
      insert into feedback_votes (workspace_id, post_id, user_id, created_at)
      values (${where.workspaceId}::uuid, ${where.postId}::uuid, ${where.userId}::uuid, ${at.toISOString()}::timestamptz)
      on conflict do nothing
      returning created_at
    )
    update feedback_posts p
    set vote_count = p.vote_count + 1,
        trending = greatest(p.trending, ${x}) + ln(1 + power(2::float8, -abs(p.trending - ${x}))) / ln(2::float8)
    from ins
    where p.id = ${where.postId}::uuid
    returning p.vote_count
  `;
}

export function removeVoteSql(where: Where) {
  const x = trendingAt("del.created_at");
  return sql`
    with del as (
      delete from feedback_votes
      where post_id = ${where.postId}::uuid and user_id = ${where.userId}::uuid and workspace_id = ${where.workspaceId}::uuid
      returning created_at
    )
    update feedback_posts p
    set vote_count = p.vote_count - 1,
        trending = p.trending + ln(greatest(1 - power(2::float8, ${x} - p.trending), 1e-12)) / ln(2::float8)
    from del
    where p.id = ${where.postId}::uuid
    returning p.vote_count
  `;
}

export async function selectVoteCount(db: DbOrTx, postId: string): Promise<number> {
  const rows = (await db.execute(sql`select vote_count from feedback_posts where id = ${postId}::uuid`)) as unknown as { vote_count: number }[];
  return rows[0]?.vote_count ?? 0;
}
