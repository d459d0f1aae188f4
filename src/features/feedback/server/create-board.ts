import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { enforceLimit } from "@/features/billing/server/enforce-limit";
import type { BoardDto, createBoardInput } from "../schemas";
import { requireSignedIn, type Viewer } from "./access";
import { insertBoard } from "./board-queries";
import { loadWorkspaceRole } from "./workspace-role";
import { toBoardDto } from "./to-dto";

export async function createBoard(input: z.output<typeof createBoardInput>, viewer: Viewer, db: DbOrTx): Promise<BoardDto> {
  const actor = requireSignedIn(viewer, "create a board");
  const access = await loadWorkspaceRole(db, actor, input.workspaceId);
  if (!access.canModerate) throw new AppError("FORBIDDEN", { userMessage: "Only workspace admins can create boards." });
  return db.transaction(async (tx) => {
    await enforceLimit(tx, input.workspaceId, "boards");
    const board = await insertBoard(tx, { workspaceId: input.workspaceId, slug: input.slug, name: input.name, description: input.description, visibility: input.visibility });
    if (!board) {
      throw new AppError("CONFLICT", { userMessage: `A board at “${input.slug}” already exists in this workspace.`, fieldErrors: { slug: ["This address is taken; choose another"] } });
    }
    await recordAuditEvent(tx, {
      workspaceId: input.workspaceId,
      actorUserId: actor.userId,
      impersonatorId: actor.impersonatorId,
      ip: actor.ip,
      action: "feedback.board_created",
      target: { type: "feedback_board", id: board.id },
      after: { slug: board.slug, name: board.name, visibility: board.visibility },
    });
    return toBoardDto({ board, ...access }, []);
  });
}
