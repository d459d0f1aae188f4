import "server-only";
import type { Db } from "@/server/db/client";
import { reportExportProgress } from "./report-progress";

/** The build gave up: the row says so (the owner can request a new one), internals stay in the logs. */
export async function failDataExport(db: Db, exportId: string): Promise<void> {
  await reportExportProgress(db, exportId, { status: "failed", step: null, error: "Something went wrong while preparing your export. Please request a new one." });
}
