import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { listCommentsInput, listCommentsOutput } from "../schemas";
import { loadPost, type Viewer } from "./access";
import { selectCommentsPage } from "./comment-queries";
import { toCommentDto } from "./comment-dto";
import { commentCursor, decodeCursor, encodeCursor } from "./cursor";

/** Oldest thread first, each reply under its parent; two queries whatever the page size. */
export async function listComments(input: z.output<typeof listCommentsInput>, viewer: Viewer, db: DbOrTx): Promise<z.infer<typeof listCommentsOutput>> {
  const access = await loadPost(db, viewer, input);
  const query = { list: "comments", postId: access.post.id };
  const cursor = decodeCursor(input.cursor, commentCursor, query);
  const rows = await selectCommentsPage(db, access.post.id, { cursor, limit: input.limit });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toCommentDto(r, viewer, access.canModerate)),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ thread: last.threadId, id: last.id }, query) : null,
  };
}
