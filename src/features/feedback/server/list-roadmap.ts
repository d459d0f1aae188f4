import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { ROADMAP_STATUSES, type roadmapInput, type roadmapOutput } from "../schemas";
import { loadBoard, type Viewer } from "./access";
import { countPosts, selectPostsPage } from "./post-queries";
import { toPostSummary } from "./to-dto";

const PER_COLUMN = 20;

/** The top posts of each roadmap status, one column each; a fixed number of queries (1 + 2 per column, + estimates). */
export async function listRoadmap(input: z.output<typeof roadmapInput>, viewer: Viewer, db: DbOrTx): Promise<z.infer<typeof roadmapOutput>> {
  await loadBoard(db, viewer, { workspaceId: input.workspaceId, boardId: input.boardId });
  const columns = await Promise.all(
    ROADMAP_STATUSES.map(async (status) => {
      const filters = { boardId: input.boardId, workspaceId: input.workspaceId, held: false, status };
      const [rows, total] = await Promise.all([
        selectPostsPage(db, filters, { sort: "top", cursor: null, limit: PER_COLUMN, viewerId: viewer?.userId ?? null }),
        countPosts(db, filters),
      ]);
      return { status, items: rows.slice(0, PER_COLUMN).map(toPostSummary), total };
    }),
  );
  return { columns };
}
