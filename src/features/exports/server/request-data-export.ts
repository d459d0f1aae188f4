import "server-only";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { DataExport } from "../schemas";
import { failStaleExports } from "./fail-stale-exports";
import { insertExport } from "./queries";
import { toDataExport } from "./to-dto";

const UNIQUE_VIOLATION = "23505";

/**
 * Queues an export of the viewer's data. One at a time: the database refuses a second
 * queued/running row (partial unique index), which becomes CONFLICT. The caller starts the
 * build (`buildDataExportLater`) once this returns.
 */
export async function requestDataExport(actor: { userId: string }, db: Db, now = new Date()): Promise<DataExport> {
  // One whose runner died (no progress for a minute) no longer blocks this request.
  await failStaleExports(db, now, actor.userId);
  try {
    return toDataExport(await insertExport(db, actor.userId), now);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", { userMessage: "An export is already being prepared. Wait for it to finish, then download it below." });
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}
