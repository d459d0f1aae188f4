import "server-only";
import type { Db } from "@/server/db/client";
import type { dataExports } from "@/server/db/schema";
import { userChannel } from "@/server/realtime/channels";
import { publish } from "@/server/realtime/publish";
import { EXPORT_PROGRESS_EVENT, type ExportProgressEvent } from "../schemas";
import { updateExport, type ExportRow } from "./queries";

/**
 * Saves the export's new state (and heartbeat) and tells the owner's open pages
 * (`export.progress` on `user:{id}`). Throws once the export is no longer in flight: a runner
 * that outlived its export (failed as interrupted meanwhile) must stop, not resurrect it.
 */
export async function reportExportProgress(db: Db, exportId: string, values: Partial<typeof dataExports.$inferInsert>): Promise<ExportRow> {
  const row = await updateExport(db, exportId, values);
  if (!row) throw new Error(`export ${exportId} is no longer in flight (done, failed or deleted)`);
  const data: ExportProgressEvent = { id: row.id, status: row.status, progress: row.progress, step: row.step };
  await publish(userChannel(row.userId), { type: EXPORT_PROGRESS_EVENT, data }, db);
  return row;
}
