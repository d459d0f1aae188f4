import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { findSimilarInput, findSimilarOutput } from "../schemas";
import { loadBoard, type Viewer } from "./access";
import { selectSimilarPosts } from "./post-queries";

/** Posts whose titles resemble what is being typed, so people vote instead of posting a duplicate. */
export async function findSimilarPosts(input: z.output<typeof findSimilarInput>, viewer: Viewer, db: DbOrTx): Promise<z.infer<typeof findSimilarOutput>> {
  await loadBoard(db, viewer, { workspaceId: input.workspaceId, boardId: input.boardId });
  if (input.title.length < 4) return { items: [] };
  return { items: await selectSimilarPosts(db, input, input.title) };
}
