import { db } from "@/server/db/client";
import { createFeedbackBoard, createFeedbackPost } from "@/server/db/factories";
import { makeWorld, newUser, nextRandom } from "../workspaces/world";

/** A workspace (owner, admin, member, outsider elsewhere) with a public and a private board, and a board in the other workspace. */
export async function makeBoards(name = "Board Co") {
  const w = await makeWorld(name);
  const [publicBoard, privateBoard, otherBoard] = [
    await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, visibility: "public", name: "Ideas", tags: ["Billing", "Mobile"] }),
    await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, visibility: "private", name: "Internal" }),
    await createFeedbackBoard(db, nextRandom(), { workspaceId: w.elsewhere.id, visibility: "public", name: "Elsewhere" }),
  ];
  const ws = w.workspace.slug;
  return { ...w, ws, publicBoard, privateBoard, otherBoard };
}
export type Boards = Awaited<ReturnType<typeof makeBoards>>;

export async function postOn(board: { id: string; workspaceId: string }, authorId: string | null, overrides: Omit<Parameters<typeof createFeedbackPost>[2], "board" | "authorId"> = {}) {
  return createFeedbackPost(db, nextRandom(), { board, authorId, ...overrides });
}

export { newUser, nextRandom };
