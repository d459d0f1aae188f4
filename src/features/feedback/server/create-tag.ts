import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { createTagInput } from "../schemas";
import { loadBoard, requireModerator, requireSignedIn, type Viewer } from "./access";
import { insertTag } from "./board-queries";

export const tagSlugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/, "");

export async function createTag(input: z.output<typeof createTagInput>, viewer: Viewer, db: DbOrTx): Promise<{ slug: string; name: string }> {
  const actor = requireSignedIn(viewer, "add a tag");
  const access = await loadBoard(db, actor, { workspaceId: input.workspaceId, boardId: input.boardId });
  requireModerator(access);
  const slug = tagSlugOf(input.name);
  if (!slug) throw new AppError("BAD_REQUEST", { userMessage: "A tag name needs at least one letter or digit.", fieldErrors: { name: ["Use at least one letter or digit"] } });
  const row = await insertTag(db, { workspaceId: input.workspaceId, boardId: input.boardId, slug, name: input.name });
  if (!row) throw new AppError("CONFLICT", { userMessage: `The tag “${slug}” already exists on this board.`, fieldErrors: { name: ["A tag with this name already exists"] } });
  return { slug: row.slug, name: row.name };
}
