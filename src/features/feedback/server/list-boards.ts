import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { listBoardsInput, listBoardsOutput } from "../schemas";
import type { Viewer } from "./access";
import { selectReadableBoards, selectTags } from "./board-queries";
import { toBoardDto } from "./to-dto";

/** Two queries whatever the number of boards: the boards, then all their tags. */
export async function listBoards(input: z.output<typeof listBoardsInput>, viewer: Viewer, db: DbOrTx): Promise<z.infer<typeof listBoardsOutput>> {
  const rows = await selectReadableBoards(db, input.workspaceId, viewer?.userId ?? null);
  const tags = await selectTags(db, rows.map((r) => r.board.id));
  return {
    items: rows.map((r) =>
      toBoardDto({ board: r.board, role: r.role, canModerate: r.role === "admin" || r.role === "owner" }, tags.filter((t) => t.boardId === r.board.id)),
    ),
  };
}
