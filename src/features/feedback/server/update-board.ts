import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { Db } from "@/server/db/client";
import type { BoardDto, updateBoardInput } from "../schemas";
import { loadBoard, requireModerator, requireSignedIn, type Viewer } from "./access";
import { selectTags, updateBoardRow } from "./board-queries";
import { publishAccessNarrowed, publishBoardEvent } from "./events";
import { toBoardDto } from "./to-dto";
import { FEEDBACK_EVENTS } from "../schemas";

/**
 * Name, description and visibility. Going private cuts off everyone who is no longer allowed
 * on the board's live channel at once (see `publishAccessNarrowed`), not just at their next reconnect.
 */
export async function updateBoard(input: z.output<typeof updateBoardInput>, viewer: Viewer, db: Db): Promise<BoardDto> {
  const actor = requireSignedIn(viewer, "change a board");
  const access = await loadBoard(db, actor, { workspaceId: input.workspaceId, boardId: input.boardId });
  requireModerator(access);
  const before = access.board;
  const board = await db.transaction(async (tx) => {
    const row = await updateBoardRow(tx, input, { name: input.name, description: input.description, visibility: input.visibility });
    await recordAuditEvent(tx, {
      workspaceId: input.workspaceId,
      actorUserId: actor.userId,
      impersonatorId: actor.impersonatorId,
      ip: actor.ip,
      action: "feedback.board_updated",
      target: { type: "feedback_board", id: row.id },
      before: { name: before.name, description: before.description, visibility: before.visibility },
      after: { name: row.name, description: row.description, visibility: row.visibility },
    });
    return row;
  });
  if (before.visibility === "public" && board.visibility === "private") await publishAccessNarrowed(board.id, db);
  else await publishBoardEvent(db, board.id, { type: FEEDBACK_EVENTS.boardUpdated, data: { boardId: board.id } });
  return toBoardDto({ ...access, board }, await selectTags(db, [board.id]));
}
