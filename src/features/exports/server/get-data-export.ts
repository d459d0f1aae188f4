import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { DataExport } from "../schemas";
import { selectOwnExport } from "./queries";
import { toDataExport } from "./to-dto";

/** The viewer's own export; anyone else's id is NOT_FOUND. */
export async function getDataExport(input: { id: string }, actor: { userId: string }, db: DbOrTx, now = new Date()): Promise<DataExport> {
  const row = await selectOwnExport(db, actor.userId, input.id);
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "That export doesn't exist." });
  return toDataExport(row, now);
}
