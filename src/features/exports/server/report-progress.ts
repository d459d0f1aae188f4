import "server-only";
import type { Db } from "@/server/db/client";
import type { dataExports } from "@/server/db/schema";
import { userChannel } from "@/server/realtime/channels";
import { publish } from "@/server/realtime/publish";
import { EXPORT_PROGRESS_EVENT, type ExportProgressEvent } from "../schemas";
import { updateExport, type ExportRow } from "./queries";

/** Saves the export's new state and tells the owner's open pages (`export.progress` on `user:{id}`). */
export async function reportExportProgress(db: Db, exportId: string, values: Partial<typeof dataExports.$inferInsert>): Promise<ExportRow> {
  const row = await updateExport(db, exportId, values);
  if (!row) throw new Error(`export ${exportId} no longer exists`);
  const data: ExportProgressEvent = { id: row.id, status: row.status, progress: row.progress, step: row.step };
  await publish(userChannel(row.userId), { type: EXPORT_PROGRESS_EVENT, data }, db);
  return row;
}
