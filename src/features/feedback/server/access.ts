import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { UserActor } from "@/features/workspaces/server/actor";
import type { DbOrTx } from "@/server/db/client";
import { feedbackBoards, feedbackPosts, type WorkspaceRole } from "@/server/db/schema";
import { AppError } from "@/server/errors";

export type Viewer = UserActor | null;
export type BoardAccess = {
  board: typeof feedbackBoards.$inferSelect;
  role: WorkspaceRole | null;
  canModerate: boolean;
};
export type PostAccess = BoardAccess & { post: typeof feedbackPosts.$inferSelect };

const roleOf = (viewer: Viewer) =>
  viewer
    ? // Spelled out: drizzle drops table qualifiers in single-table selects, which would make this correlate with itself.
      sql<WorkspaceRole | null>`(select m.role from memberships m where m.workspace_id = "feedback_boards"."workspace_id" and m.user_id = ${viewer.userId}::uuid)`
    : sql<WorkspaceRole | null>`null::text`;

export const boardNotFound = () => new AppError("NOT_FOUND", { userMessage: "That board doesn't exist, or you can't see it." });
export const postNotFound = () => new AppError("NOT_FOUND", { userMessage: "That post doesn't exist, or you can't see it." });

/**
 * Reading a board: anyone for a public board, members for a private one. Anything else —
 * another workspace's board included, even a public one — is NOT_FOUND, never FORBIDDEN.
 */
function readable(access: { board: { visibility: string }; role: WorkspaceRole | null }): boolean {
  return access.board.visibility === "public" || access.role !== null;
}
const withModeration = <T extends { role: WorkspaceRole | null }>(row: T) => ({ ...row, canModerate: row.role === "admin" || row.role === "owner" });

/** The board and the viewer's role in its workspace, in one query. */
export async function loadBoard(db: DbOrTx, viewer: Viewer, where: { workspaceId: string; boardId?: string; boardSlug?: string }): Promise<BoardAccess> {
  const [row] = await db
    .select({ board: feedbackBoards, role: roleOf(viewer) })
    .from(feedbackBoards)
    .where(
      and(
        eq(feedbackBoards.workspaceId, where.workspaceId),
        where.boardId ? eq(feedbackBoards.id, where.boardId) : undefined,
        where.boardSlug ? eq(feedbackBoards.slug, where.boardSlug) : undefined,
      ),
    )
    .limit(1);
  if (!row || !readable(row)) throw boardNotFound();
  return withModeration(row);
}

/**
 * The post, its board and the viewer's role, in one query. Held posts are visible to their
 * author and moderators; deleted ones to moderators; merged ones to anyone (they point on).
 */
export async function loadPost(db: DbOrTx, viewer: Viewer, where: { workspaceId: string; postId: string }, opts: { lock?: boolean } = {}): Promise<PostAccess> {
  const query = db
    .select({ post: feedbackPosts, board: feedbackBoards, role: roleOf(viewer) })
    .from(feedbackPosts)
    .innerJoin(feedbackBoards, and(eq(feedbackBoards.id, feedbackPosts.boardId), eq(feedbackBoards.workspaceId, feedbackPosts.workspaceId)))
    .where(and(eq(feedbackPosts.id, where.postId), eq(feedbackPosts.workspaceId, where.workspaceId)));
  const [row] = opts.lock ? await query.for("update", { of: feedbackPosts }) : await query;
  if (!row || !readable(row)) throw postNotFound();
  const access = withModeration(row);
  const { moderation, authorId } = row.post;
  if (moderation === "held" && !access.canModerate && authorId !== viewer?.userId) throw postNotFound();
  if (moderation === "deleted" && !access.canModerate) throw postNotFound();
  return access;
}

/** Posting, voting and commenting need a signed-in viewer who can read the board. */
export function requireSignedIn(viewer: Viewer, action: string): UserActor {
  if (!viewer) throw new AppError("UNAUTHORIZED", { userMessage: `Sign in to ${action}.` });
  return viewer;
}

export function requireModerator(access: BoardAccess): void {
  if (!access.canModerate) throw new AppError("FORBIDDEN", { userMessage: "Only workspace admins can do that." });
}

/** Votes and comments go to live posts only. */
export function requireLive(access: PostAccess, action: string): void {
  if (access.post.moderation !== "visible") {
    throw new AppError("CONFLICT", { userMessage: access.post.moderation === "held" ? `This post is waiting for review; you can ${action} once it's approved.` : `You can't ${action} on this post any more.` });
  }
}
