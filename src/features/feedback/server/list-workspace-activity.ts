import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { boardChannel } from "@/server/realtime/channels";
import { selectBoardIds, selectRecentActivity, type ActivityRow } from "./activity-queries";
import { postPath } from "./recipients";

export type WorkspaceActivity = {
  items: Array<Omit<ActivityRow, "boardSlug"> & { href: string }>;
  /** The boards' live channels: a new post, comment or status change anywhere refreshes the list. */
  channels: string[];
  boardCount: number;
};

/**
 * The latest feedback across a workspace's boards, for its members (who read private boards
 * too; callers check membership). Two queries, whatever the number of boards or items.
 */
export async function listWorkspaceActivity(input: { workspaceId: string; workspaceSlug: string; limit: number }, db: DbOrTx): Promise<WorkspaceActivity> {
  const [rows, boardIds] = await Promise.all([selectRecentActivity(db, input.workspaceId, input.limit), selectBoardIds(db, input.workspaceId)]);
  return {
    items: rows.map(({ boardSlug, ...row }) => ({ ...row, href: postPath(input.workspaceSlug, boardSlug, row.postId) })),
    channels: boardIds.map(boardChannel),
    boardCount: boardIds.length,
  };
}
