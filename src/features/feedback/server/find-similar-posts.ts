import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { feedbackPosts } from "@/server/db/schema";
import type { findSimilarInput, findSimilarOutput } from "../schemas";
import { loadBoard, type Viewer } from "./access";

/**
 * Posts whose titles resemble what is being typed (pg_trgm word similarity over the board's
 * visible posts, served by the trigram index), so people vote instead of posting a duplicate.
 */
export async function findSimilarPosts(input: z.output<typeof findSimilarInput>, viewer: Viewer, db: DbOrTx): Promise<z.infer<typeof findSimilarOutput>> {
  await loadBoard(db, viewer, { workspaceId: input.workspaceId, boardId: input.boardId });
  if (input.title.length < 4) return { items: [] };
  const items = await db
    .select({ id: feedbackPosts.id, title: feedbackPosts.title, status: feedbackPosts.status, voteCount: feedbackPosts.voteCount })
    .from(feedbackPosts)
    .where(
      and(
        eq(feedbackPosts.boardId, input.boardId),
        eq(feedbackPosts.workspaceId, input.workspaceId),
        sql`${feedbackPosts.moderation} = 'visible'`,
        sql`${input.title}::text <% ${feedbackPosts.title}`,
      ),
    )
    .orderBy(desc(sql`word_similarity(${input.title}::text, ${feedbackPosts.title})`), desc(feedbackPosts.voteCount))
    .limit(5);
  return { items };
}
