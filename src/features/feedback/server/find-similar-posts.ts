import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { getFlag, type FlagSubject } from "@/server/flags/flags";
import type { findSimilarInput, findSimilarOutput } from "../schemas";
import { loadBoard, type Viewer } from "./access";
import { selectSimilarPosts } from "./post-queries";

/** Posts whose titles resemble what is being typed, so people vote instead of posting a duplicate (behind `feedback.similar-posts`). */
export async function findSimilarPosts(
  input: z.output<typeof findSimilarInput>,
  viewer: Viewer,
  db: DbOrTx,
  flags: FlagSubject = { userId: viewer?.userId ?? null, workspaceId: input.workspaceId },
): Promise<z.infer<typeof findSimilarOutput>> {
  await loadBoard(db, viewer, { workspaceId: input.workspaceId, boardId: input.boardId });
  if (input.title.length < 4 || !(await getFlag("feedback.similar-posts", flags))) return { items: [] };
  return { items: await selectSimilarPosts(db, input, input.title) };
}
