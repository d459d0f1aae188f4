import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { feedbackBoards, type PostStatus } from "@/server/db/schema";

export type ActivityRow = {
  kind: "post" | "comment" | "status";
  id: string;
  at: Date;
  actorName: string | null;
  postId: string;
  postTitle: string;
  boardSlug: string;
  boardName: string;
  toStatus: PostStatus | null;
  excerpt: string | null;
};

/**
 * The newest posts, comments and status changes across all of a workspace's boards, in one
 * query: each branch reads at most `limit` rows backwards along its (workspace_id, id) index
 * (ids are UUIDv7, so newest first), then the union is joined to titles, boards and names.
 * A post's creation also writes a status row (null → open); the post row stands for it.
 */
export async function selectRecentActivity(db: DbOrTx, workspaceId: string, limit: number): Promise<ActivityRow[]> {
  const rows = await db.execute<{
    kind: ActivityRow["kind"];
    id: string;
    at: string | Date;
    actor_name: string | null;
    post_id: string;
    post_title: string;
    board_slug: string;
    board_name: string;
    to_status: PostStatus | null;
    excerpt: string | null;
  }>(sql`
    select a.kind, a.id, a.at, u.display_name as actor_name, p.id as post_id, p.title as post_title,
           b.slug as board_slug, b.name as board_name, a.to_status, a.excerpt
    from (
      (select 'post' as kind, id, created_at as at, author_id as actor_id, id as post_id, null::text as to_status, null::text as excerpt
         from feedback_posts where workspace_id = ${workspaceId}::uuid and moderation = 'visible' order by id desc limit ${limit})
      union all
      (select 'comment', id, created_at, author_id, post_id, null, left(body, 160)
         from feedback_comments where workspace_id = ${workspaceId}::uuid and deleted_at is null order by id desc limit ${limit})
      union all
      (select 'status', id, created_at, changed_by, post_id, to_status, null
         from feedback_status_changes where workspace_id = ${workspaceId}::uuid and from_status is not null order by id desc limit ${limit})
    ) a
    join feedback_posts p on p.id = a.post_id and p.workspace_id = ${workspaceId}::uuid and p.moderation = 'visible'
    join feedback_boards b on b.id = p.board_id and b.workspace_id = ${workspaceId}::uuid
    left join users u on u.id = a.actor_id
    order by a.at desc, a.id desc
    limit ${limit}
  `);
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    at: new Date(r.at),
    actorName: r.actor_name,
    postId: r.post_id,
    postTitle: r.post_title,
    boardSlug: r.board_slug,
    boardName: r.board_name,
    toStatus: r.to_status,
    excerpt: r.excerpt,
  }));
}

/** Every board of the workspace (members read private boards too): the channels the home listens on. */
export async function selectBoardIds(db: DbOrTx, workspaceId: string): Promise<string[]> {
  const rows = await db.select({ id: feedbackBoards.id }).from(feedbackBoards).where(eq(feedbackBoards.workspaceId, workspaceId)).orderBy(asc(feedbackBoards.id));
  return rows.map((r) => r.id);
}
