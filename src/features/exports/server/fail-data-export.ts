import "server-only";
import type { Db } from "@/server/db/client";
import { reportExportProgress } from "./report-progress";
import { selectExport } from "./queries";

/**
 * The build gave up: the row says so (the owner can request a new one), internals stay in the
 * logs. Idempotent: an export already done or failed (by the stale sweep, say) is left as it
 * is, so a retried failure handler succeeds.
 */
export async function failDataExport(db: Db, exportId: string): Promise<void> {
  const row = await selectExport(db, exportId);
  if (!row || (row.status !== "queued" && row.status !== "running")) return;
  await reportExportProgress(db, exportId, { status: "failed", step: null, error: "Something went wrong while preparing your export. Please request a new one." }).catch(async (error: unknown) => {
    // Finished or failed between the read and the write: that is the outcome we wanted anyway.
    const now = await selectExport(db, exportId);
    if (now && (now.status === "queued" || now.status === "running")) throw error;
  });
}
