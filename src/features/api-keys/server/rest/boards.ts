import "server-only";
import { boardDto } from "@/features/feedback/schemas";
import { listBoards } from "@/features/feedback/server/list-boards";
import { z } from "zod";
import { endpoint } from "./endpoint";

export const listBoardsEndpoint = endpoint({
  method: "GET",
  path: "/v1/boards",
  operationId: "listBoards",
  summary: "The workspace's feedback boards the key's creator can read",
  tag: "Boards",
  scope: "boards:read",
  response: z.object({ items: z.array(boardDto) }),
  handle: ({ key, viewer, db }) => listBoards({ workspaceId: key.workspace.id }, viewer, db),
});
