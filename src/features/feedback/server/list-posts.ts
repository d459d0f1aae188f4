import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getFlag, type FlagSubject } from "@/server/flags/flags";
import type { listPostsInput, listPostsOutput, PostSort } from "../schemas";
import { loadBoard, requireModerator, type Viewer } from "./access";
import { decodeCursor, encodeCursor, postCursor } from "./cursor";
import { countPosts, cursorOf, selectPostsPage, type PostFilters } from "./post-queries";
import { toPostSummary } from "./to-dto";

/** What a posts cursor is bound to: the same board, sort and filters, or it is refused. */
export const postListQuery = (sort: PostSort, f: PostFilters) => ({ list: "posts", sort, boardId: f.boardId, workspaceId: f.workspaceId, held: f.held, status: f.status ?? null, tag: f.tag ?? null, q: f.q || null });

/**
 * A keyset page of a board's posts. Three or four queries whatever the page size: the board
 * with the viewer's role, the page (author and "voted" joined in), the capped count, and the
 * planner's estimate when the count passes its cap. The Trending sort is behind the
 * `boards.trending-sort` flag (`flags`: who is asking, as the flags see them).
 */
export async function listPosts(
  input: z.output<typeof listPostsInput>,
  viewer: Viewer,
  db: DbOrTx,
  flags: FlagSubject = { userId: viewer?.userId ?? null, workspaceId: input.workspaceId },
): Promise<z.infer<typeof listPostsOutput>> {
  const access = await loadBoard(db, viewer, { workspaceId: input.workspaceId, boardId: input.boardId });
  if (input.sort === "trending" && !(await getFlag("boards.trending-sort", flags))) {
    throw new AppError("BAD_REQUEST", { userMessage: "sort: Trending isn't available here; sort by top or new.", fieldErrors: { sort: ["Trending isn't available here; sort by top or new"] } });
  }
  if (input.held) requireModerator(access);
  const filters: PostFilters = { boardId: input.boardId, workspaceId: input.workspaceId, held: input.held, status: input.status, tag: input.tag, q: input.q || null };
  const query = postListQuery(input.sort, filters);
  const cursor = decodeCursor(input.cursor, postCursor, query);
  const rows = await selectPostsPage(db, filters, { sort: input.sort, cursor, limit: input.limit, viewerId: viewer?.userId ?? null });
  const page = rows.slice(0, input.limit);
  const total = await countPosts(db, filters);
  return {
    items: page.map(toPostSummary),
    nextCursor: rows.length > input.limit ? encodeCursor(cursorOf(input.sort, page.at(-1)!), query) : null,
    total,
  };
}
