import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { BoardDto, getBoardInput } from "../schemas";
import { loadBoard, type Viewer } from "./access";
import { selectTags } from "./board-queries";
import { toBoardDto } from "./to-dto";

export async function getBoard(input: z.output<typeof getBoardInput>, viewer: Viewer, db: DbOrTx): Promise<BoardDto> {
  const access = await loadBoard(db, viewer, { workspaceId: input.workspaceId, boardSlug: input.boardSlug });
  return toBoardDto(access, await selectTags(db, [access.board.id]));
}
