import "server-only";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { feedbackChangelogEntries, feedbackStatusChanges } from "@/server/db/schema";
import type { changelogInput, changelogOutput } from "../schemas";
import { loadBoard, type Viewer } from "./access";

export async function listChangelog(input: z.output<typeof changelogInput>, viewer: Viewer, db: DbOrTx): Promise<z.infer<typeof changelogOutput>> {
  await loadBoard(db, viewer, { workspaceId: input.workspaceId, boardId: input.boardId });
  const rows = await db
    .select({
      id: feedbackChangelogEntries.id,
      postId: feedbackChangelogEntries.postId,
      title: feedbackChangelogEntries.title,
      // The release note is the note given when the post was marked done (its latest such move).
      note: sql<string | null>`(select ${feedbackStatusChanges.note} from ${feedbackStatusChanges} where ${feedbackStatusChanges.postId} = ${feedbackChangelogEntries.postId} and ${feedbackStatusChanges.toStatus} = 'done' order by ${feedbackStatusChanges.id} desc limit 1)`,
      createdAt: feedbackChangelogEntries.createdAt,
    })
    .from(feedbackChangelogEntries)
    .where(
      and(
        eq(feedbackChangelogEntries.boardId, input.boardId),
        eq(feedbackChangelogEntries.workspaceId, input.workspaceId),
        input.cursor ? lt(feedbackChangelogEntries.id, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(feedbackChangelogEntries.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
}
