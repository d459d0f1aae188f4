import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { feedbackPosts } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import type { deleteTagInput } from "../schemas";
import { loadBoard, requireModerator, requireSignedIn, type Viewer } from "./access";
import { deleteTagRow } from "./board-queries";

/** Removes the tag and takes it off every post of the board, in one transaction. */
export async function deleteTag(input: z.output<typeof deleteTagInput>, viewer: Viewer, db: DbOrTx): Promise<{ ok: true }> {
  const actor = requireSignedIn(viewer, "remove a tag");
  const access = await loadBoard(db, actor, { workspaceId: input.workspaceId, boardId: input.boardId });
  requireModerator(access);
  await db.transaction(async (tx) => {
    if (!(await deleteTagRow(tx, input))) throw new AppError("NOT_FOUND", { userMessage: "That tag doesn't exist on this board." });
    await tx
      .update(feedbackPosts)
      .set({ tags: sql`array_remove(${feedbackPosts.tags}, ${input.slug}::text)` })
      .where(and(eq(feedbackPosts.boardId, input.boardId), eq(feedbackPosts.workspaceId, input.workspaceId), sql`${feedbackPosts.tags} @> array[${input.slug}::text]`));
  });
  return { ok: true };
}
